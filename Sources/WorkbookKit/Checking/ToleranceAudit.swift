/// Finds `≈` checks that allow too much: a check that accepts −0.5 to −1.5 for an expected −1 does
/// not check the number the prose states.
///
/// A check is weak when, for some non-zero expected number in it, the bound is more than
/// `limit` (1 %) of that number. A bound that comes from the digits written is the usual cause
/// (`reluZ ≈ 0.01` allows ± 0.005, half of it); more digits, an explicit `± TOL`, or `==` for an
/// exact value fix it. Ranges (`in LOW...HIGH`) state what training may reach and are not audited;
/// an expected zero has no relative size and is not either.
public enum ToleranceAudit {
    /// The largest bound, as a fraction of the expected number, that passes the audit.
    public static let limit = 0.01

    /// A warning at each weak check of `chapter`.
    public static func warnings(for chapter: Chapter) -> [WorkbookError] {
        chapter.checks.compactMap { check in
            guard !check.isSkipped, case .approximately(let expected, let tolerance) = check.comparison,
                let worst = worstRatio(expected, tolerance)
            else { return nil }
            guard worst.ratio > limit * (1 + 1e-9) else { return nil }
            let percent = ChapterEvaluator.compact((worst.ratio * 1000).rounded() / 10)
            return WorkbookError(
                "`\(check.expression)` ≈ \(worst.literal) allows ± \(ChapterEvaluator.compact(worst.bound)), \(percent) % of the value; write more digits, an explicit `± TOL`, or `==` for an exact value",
                at: chapter.location(line: check.line))
        }
    }

    private static func worstRatio(_ value: ExpectedValue, _ tolerance: Tolerance) -> (ratio: Double, bound: Double, literal: String)? {
        switch value {
        case .number(let number, let literal):
            guard number != 0, number.isFinite else { return nil }
            let bound = tolerance.bound(forExpected: number, literal: literal)
            return (bound / abs(number), bound, literal)
        case .list(let elements):
            return elements.compactMap { worstRatio($0, tolerance) }.max { $0.ratio < $1.ratio }
        case .bool, .string, .null:
            return nil
        }
    }
}
