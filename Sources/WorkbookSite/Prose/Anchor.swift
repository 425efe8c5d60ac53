/// Heading anchors as GitHub makes them, so that a link written for GitHub works on the site too:
/// lower case, punctuation dropped, spaces turned into hyphens, and `-1`, `-2` … for repeats.
struct AnchorSet {
    private var used: [String: Int] = [:]

    /// The slug of `title`: `Weighted sum and threshold` → `weighted-sum-and-threshold`.
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// A new anchor for `title`, different from every one made before.
    mutating func make(_ title: String) -> String {
        let base = Self.slug(title)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }
}
