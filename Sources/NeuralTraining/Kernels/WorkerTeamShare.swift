/// How work is cut between team members.
enum WorkerTeamShare {
    /// Member `member`'s share of `count` rows: contiguous, sizes differing by at most one.
    static func rows(_ count: Int, member: Int, members: Int) -> Range<Int> {
        (count * member / members)..<(count * (member + 1) / members)
    }

    /// Member `member`'s share of `count` output columns, cut at multiples of 16 so that each
    /// block stays aligned for the matrix kernels (a narrow layer may go to one member whole).
    static func columns(_ count: Int, member: Int, members: Int) -> Range<Int> {
        func cut(_ k: Int) -> Int {
            k >= members ? count : min(count, (count * k / members + 8) / 16 * 16)
        }
        return cut(member)..<cut(member + 1)
    }

    /// Member `member`'s share of `count` parameters: contiguous, cut at multiples of 16.
    static func range(_ count: Int, member: Int, members: Int) -> Range<Int> { columns(count, member: member, members: members) }
}
