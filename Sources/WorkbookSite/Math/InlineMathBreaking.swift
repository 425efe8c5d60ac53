/// Where a long inline formula may break across lines, as TeX breaks it: after a relation
/// (`=`, `<`, `\approx`, `\to`, …) or a binary operator (`+`, `-`, `\cdot`, …) at the formula's own
/// level, never inside a group, a fraction or a script; and, where TeX would overflow the line
/// instead, after a comma, so that a long vector `[a, b, c]` wraps too.
///
/// Browsers do not break inside a `<math>` element, so a formula wider than a phone's screen
/// would make the whole page scroll sideways. The renderer sets a long inline formula as a run of
/// `<math>` elements, one per piece, which the line breaks between like words; each piece ends
/// with its operator, marked `form="infix"` so it keeps the spacing it has inside the formula.
enum InlineMathBreaking {
    /// Formulas with fewer characters than this stay whole: they fit beside the text.
    static let minimumLength = 16
    /// A piece is at least this many characters long, so that breaks fall only where they help.
    static let minimumPieceLength = 2

    /// Whether `node` holds a matrix or another table, which no line break can narrow: such a
    /// piece scrolls in a box of its own instead.
    static func containsTable(_ node: MathNode) -> Bool {
        switch node {
        case .table: return true
        case .row(let children): return children.contains(where: containsTable)
        case .scripts(let base, let sub, let sup, _):
            return containsTable(base) || sub.map(containsTable) == true || sup.map(containsTable) == true
        case .fraction(let top, let bottom, _): return containsTable(top) || containsTable(bottom)
        case .root(let base, _), .accent(let base, _, _), .underMark(let base, _), .style(let base, _, _), .phantom(let base), .boxed(let base):
            return containsTable(base)
        default: return false
        }
    }

    /// Relations, after which TeX may break an inline formula (its `\relpenalty`).
    static let relations: Set<String> = [
        "=", "<", ">", "≤", "≥", "≈", "≠", "≡", "∼", "≃", "≅", "∝", "→", "←", "↦", "⇒", "⇐", "⇔", "⟹", "⟸", "⟺",
        "∈", "∉", "⊂", "⊆", "⊃", "⊇", "≪", "≫", "≲", "≳", ":=", "≔",
    ]
    /// Binary operators, after which TeX may break too (its `\binoppenalty`).
    static let binaryOperators: Set<String> = ["+", "−", "-", "±", "∓", "·", "⋅", "×", "∗", "∘", "⊙", "⊗", "⊕", "÷", "∪", "∩"]

    /// The pieces of `formula`, in order; one piece when it is short or has nowhere to break.
    static func pieces(of formula: MathNode) -> [MathNode] {
        guard case .row(let children) = formula, length(of: formula) >= minimumLength else { return [formula] }
        var pieces: [MathNode] = []
        var current: [MathNode] = []
        var currentLength = 0
        var restLength = length(of: formula)
        for (index, child) in children.enumerated() {
            let childLength = length(of: child)
            restLength -= childLength
            if case .op(let symbol, let attributes) = child {
                let isSign = attributes.contains { $0.0 == "form" && $0.1 == "prefix" }
                let breaksAfter = !isSign && index + 1 < children.count
                    && (relations.contains(symbol) || binaryOperators.contains(symbol) || symbol == ",")
                if breaksAfter, currentLength + childLength >= minimumPieceLength, restLength >= minimumPieceLength {
                    current.append(.op(symbol, attributes: symbol == "," ? attributes : infix(attributes)))
                    pieces.append(.row(current))
                    current = []
                    currentLength = 0
                    continue
                }
            }
            current.append(child)
            currentLength += childLength
        }
        if !current.isEmpty { pieces.append(.row(current)) }
        return pieces
    }

    /// The attributes with `form="infix"`, so that an operator at the end of a piece keeps the
    /// spacing of an operator between two operands.
    private static func infix(_ attributes: [(String, String)]) -> [(String, String)] {
        attributes.filter { $0.0 != "form" } + [("form", "infix")]
    }

    /// About how many characters the formula shows: its letters, digits and operators.
    static func length(of node: MathNode) -> Int {
        switch node {
        case .identifier(let text, _), .number(let text), .op(let text, _), .text(let text, _): return text.count
        case .function(let name, _): return name.count
        case .space: return 1
        case .row(let children): return children.reduce(0) { $0 + length(of: $1) }
        case .fraction(let top, let bottom, _): return max(length(of: top), length(of: bottom))
        case .root(let base, _): return length(of: base) + 1
        case .scripts(let base, let sub, let sup, _):
            return length(of: base) + max(sub.map { length(of: $0) } ?? 0, sup.map { length(of: $0) } ?? 0) * 7 / 10
        case .accent(let base, _, _), .underMark(let base, _), .style(let base, _, _), .phantom(let base), .boxed(let base):
            return length(of: base)
        case .table(let rows, _, _, _, _):
            let columns = rows.map { $0.map { length(of: $0) } }
            return (0..<(columns.map(\.count).max() ?? 0)).reduce(2) { total, column in
                total + (columns.compactMap { column < $0.count ? $0[column] : nil }.max() ?? 0) + 1
            }
        }
    }
}
