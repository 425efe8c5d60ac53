/// A node of a formula, between TeX and MathML.
indirect enum MathNode: Equatable {
    /// `<mi>`: a variable; `upright` for a single letter set upright (`\mathrm`).
    case identifier(String, upright: Bool = false)
    /// `<mi>`: a function name (`\log`, `\operatorname{sgn}`), set upright; `limits` for one that
    /// takes its scripts above and below in display style (`\max`, `\operatorname*`).
    case function(String, limits: Bool)
    /// `<mn>`: a number.
    case number(String)
    /// `<mo>`: an operator, a relation, a delimiter or punctuation.
    case op(String, attributes: [(String, String)] = [])
    /// `<mtext>`: text inside math, upright, bold (`\textbf`) or italic (`\textit`).
    case text(String, style: TextStyle = .upright)
    /// `<mspace>`: a space of this many em (negative spaces become a negative `mpadded`).
    case space(Double)
    /// `<mrow>`: a group.
    case row([MathNode])
    /// `<mfrac>`; without its rule when `rule` is false (`\binom`).
    case fraction(MathNode, MathNode, rule: Bool = true)
    /// `<msqrt>` or, with an index, `<mroot>`.
    case root(MathNode, index: MathNode?)
    /// `<msub>`, `<msup>` or `<msubsup>`; `<munder>`/`<mover>`/`<munderover>` when `limits`.
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, limits: Bool)
    /// `<mover accent="true">`: a hat, bar, tilde, vector arrow or dot over the base; `stretchy`
    /// for a mark that spans the whole base (`\overline`).
    case accent(MathNode, String, stretchy: Bool = false)
    /// `<munder>` with a mark under the base: an underline or underbrace.
    case underMark(MathNode, String)
    /// `<mtable>` between two delimiters (empty for none), with column alignments, and a rule
    /// (`\hline`) above each row in `lines`, below the last for `rows.count`.
    case table(rows: [[MathNode]], open: String, close: String, alignments: [String], lines: [Int] = [])
    /// `<mstyle displaystyle="…">`, with a `scriptlevel` when given (`smallmatrix`).
    case style(MathNode, display: Bool, scriptLevel: Int? = nil)
    /// `<mphantom>`: the space of the content, drawn invisible (`\phantom`).
    case phantom(MathNode)
    /// A frame around the content (`\boxed`).
    case boxed(MathNode)

    /// The style of the text of `\text`, `\textbf` and `\textit`.
    enum TextStyle {
        case upright, bold, italic
    }

    static func == (lhs: MathNode, rhs: MathNode) -> Bool {
        MathMLWriter().write(lhs) == MathMLWriter().write(rhs)
    }

    /// Whether this is a big operator (∑, ∏, ∫) or a function with limits (max, lim) that takes its
    /// scripts above and below in display style.
    var takesLimits: Bool {
        switch self {
        case .op(let symbol, _): return ["∑", "∏", "⋃", "⋂", "∐", "⨁", "⨂"].contains(symbol)
        case .function(_, let limits): return limits
        default: return false
        }
    }

    /// Whether this takes its scripts above and below in any style, as TeX's `\underbrace` and
    /// `\overbrace` do: the label goes under the brace, not beside it.
    var alwaysTakesLimits: Bool {
        switch self {
        case .underMark(_, let mark): return mark == "⏟"
        case .accent(_, let mark, _): return mark == "⏞"
        default: return false
        }
    }

    /// Whether this is a function name, with or without scripts: `\log`, `\max_{k}`, `\sin^2`.
    var isFunction: Bool {
        switch self {
        case .function: return true
        case .scripts(let base, _, _, _): return base.isFunction
        default: return false
        }
    }
}
