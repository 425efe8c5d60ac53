/// A readable, NumPy-like rendering: `[[1.0, 2.0], [3.0, 4.0]]` on one line per row.
extension Matrix: CustomStringConvertible {
    /// The rows as nested brackets, one row per line, e.g.
    /// ```
    /// [[1.0, 2.0],
    ///  [3.0, 4.0]]
    /// ```
    public var description: String {
        if rows == 0 { return "[]" }
        let lines = rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }
        return "[" + lines.joined(separator: ",\n ") + "]"
    }

    /// The entries rounded to `places` decimals, for printing worked examples:
    /// `Matrix([[0.85714]]).formatted(places: 3)` is `"[[0.857]]"`.
    public func formatted(places: Int) -> String {
        var scale = 1.0
        for _ in 0..<Swift.max(0, places) { scale *= 10 }
        let rounded = map { ($0 * scale).rounded() / scale }
        return rounded.description
    }
}
