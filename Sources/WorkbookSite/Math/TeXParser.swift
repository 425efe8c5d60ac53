/// A TeX math parse error: what is wrong and the character offset in the TeX where it was found.
struct TeXError: Error, Equatable {
    var message: String
    var offset: Int
}

/// Parses the TeX math that the chapters use into `MathNode`s.
///
/// It knows fractions and binomials, roots, sub- and superscripts and primes, Greek letters and
/// symbols, big operators and function names with limits (`\displaystyle`, `\limits`), accents and
/// braces, fonts (and plain TeX's `\rm`), `\text` with math inside, spacing, `\phantom`, `\boxed`,
/// `\not`, extensible arrows, `\left…\middle…\right`, `\tag`, and matrix-like environments with
/// `\hline`. Anything else is a `TeXError`, never silently wrong output.
struct TeXParser {
    private let source: [Character]
    private var index = 0
    /// Whether the formula is display math.
    let display: Bool
    /// Whether the material being parsed is in TeX's display style, where big operators take
    /// limits above and below: the formula's own style, changed by `\displaystyle` and
    /// `\textstyle` to the end of their group, and text style in scripts, fractions and table cells
    /// (but those of `aligned` and `gathered`).
    private var displayStyle: Bool
    /// How many `\left`s the parser is inside, where `\middle` may stand.
    private var leftDepth = 0
    /// The label of `\tag`, set at the right of the formula.
    private var tag: MathNode?

    init(_ tex: String, display: Bool) {
        source = Array(tex)
        self.display = display
        displayStyle = display
    }

    /// The whole formula.
    mutating func parse() throws -> MathNode {
        let nodes = try parseList()
        if index < source.count {
            let token = peekToken()
            throw TeXError(message: "unexpected `\(token)` here", offset: index)
        }
        // MathML Core has no labelled rows; the tag follows the formula after a \qquad.
        if let tag { return .row(nodes + [.space(2), tag]) }
        return Self.row(nodes)
    }

    // MARK: - Lists and atoms

    /// Atoms with their scripts up to the end, a `}`, `&`, `\\`, `\right` or `\end`, which is
    /// left for the caller.
    private mutating func parseList() throws -> [MathNode] {
        var nodes: [MathNode] = []
        while true {
            skipSpaces()
            guard index < source.count else { return Self.applyingFunctions(nodes) }
            let token = peekToken()
            if ["}", "&", "\\\\", "\\right", "\\end"].contains(token) { return Self.applyingFunctions(nodes) }
            if token == "\\displaystyle" || token == "\\textstyle" {
                index += token.count
                displayStyle = token == "\\displaystyle"
                let rest = try parseList()
                nodes.append(.style(Self.row(rest), display: token == "\\displaystyle"))
                return Self.applyingFunctions(nodes)
            }
            if token.hasPrefix("\\"), let alphabet = TeXSymbols.fontSwitches[String(token.dropFirst())] {
                index += token.count
                let rest = try parseList()
                nodes.append(Self.restyle(Self.row(rest), alphabet))
                return Self.applyingFunctions(nodes)
            }
            let start = index
            guard var atom = try parseAtom() else { continue }
            atom = Self.unary(atom, after: nodes.last)
            atom = try parseScripts(of: atom, start: start)
            nodes.append(atom)
        }
    }

    /// The sub- and superscripts (and primes) after `base`.
    private mutating func parseScripts(of base: MathNode, start: Int) throws -> MathNode {
        var sub: MathNode?, sup: MathNode?
        var limits = base.alwaysTakesLimits || (displayStyle && base.takesLimits)
        var explicitLimits = false
        var primes = 0
        while true {
            skipSpaces()
            guard index < source.count else { break }
            let character = source[index]
            if character == "'" {
                // TeX reads `x'` as `x^{\prime}`, so a prime after a superscript is a second one.
                if sup != nil { throw TeXError(message: "double superscript: a prime after a superscript (write `x'^{2}`)", offset: index) }
                primes += 1
                index += 1
            } else if character == "^" || character == "_" {
                let at = index
                index += 1
                let argument = try parseArgument(displayStyle: false)
                if character == "^" {
                    if sup != nil { throw TeXError(message: "double superscript: group them in braces", offset: at) }
                    sup = argument
                } else {
                    if sub != nil { throw TeXError(message: "double subscript: group them in braces", offset: at) }
                    sub = argument
                }
            } else if peekToken() == "\\limits" {
                index += 7
                limits = true
                explicitLimits = true
            } else if peekToken() == "\\nolimits" {
                index += 9
                limits = false
                explicitLimits = false
            } else {
                break
            }
        }
        if primes > 0 {
            let prime = MathNode.op(Self.primeSymbol(count: primes))
            sup = sup.map { Self.row([prime, $0]) } ?? prime
        }
        if sub == nil, sup == nil { return base }
        if explicitLimits, case .op(let symbol, let attributes) = base {
            // `movablelimits` would put ∑'s limits beside it again outside display style.
            return .scripts(base: .op(symbol, attributes: attributes + [("movablelimits", "false")]), sub: sub, sup: sup, limits: true)
        }
        return .scripts(base: base, sub: sub, sup: sup, limits: limits)
    }

    /// `parseArgument()` in display style or not, back to the current style after it.
    private mutating func parseArgument(displayStyle style: Bool) throws -> MathNode {
        let outer = displayStyle
        displayStyle = style
        defer { displayStyle = outer }
        return try parseArgument()
    }

    /// A script or a command's argument: a braced group, one command, or one character.
    private mutating func parseArgument() throws -> MathNode {
        skipSpaces()
        guard index < source.count else { throw TeXError(message: "a script or argument is missing at the end", offset: index) }
        if source[index] == "{" { return try parseGroup() }
        let start = index
        if source[index].isNumber {
            index += 1
            return .number(String(source[start]))
        }
        guard let atom = try parseAtom() else {
            throw TeXError(message: "a script or argument is missing", offset: start)
        }
        return atom
    }

    /// `{…}`, as a row.
    private mutating func parseGroup() throws -> MathNode {
        let open = index
        guard index < source.count, source[index] == "{" else {
            throw TeXError(message: "expected `{` here", offset: index)
        }
        index += 1
        let outer = displayStyle
        defer { displayStyle = outer }
        let nodes = try parseList()
        guard index < source.count, source[index] == "}" else {
            throw TeXError(message: "this `{` is never closed", offset: open)
        }
        index += 1
        return Self.row(nodes)
    }

    /// One atom: a character, a group or a command; nil for something that produces nothing.
    private mutating func parseAtom() throws -> MathNode? {
        let character = source[index]
        let start = index
        switch character {
        case "{":
            return try parseGroup()
        case "\\":
            return try parseCommand()
        case "%":
            while index < source.count, source[index] != "\n" { index += 1 }
            return nil
        case "^", "_":
            return .row([])
        case "~":
            index += 1
            return .space(0.25)
        case "'":
            // A prime with nothing before it to raise, as in `x^{'}` or `{}'`: the prime, not an apostrophe.
            index += 1
            return .op("′")
        case "$", "#":
            throw TeXError(message: "`\(character)` cannot appear in math", offset: start)
        case "0"..."9", ".":
            var digits = ""
            while index < source.count, source[index].isASCII, source[index].isNumber || (source[index] == "." && index + 1 < source.count && source[index + 1].isNumber) {
                digits.append(source[index])
                index += 1
            }
            if digits.isEmpty {
                index += 1
                return .op(".")
            }
            return .number(digits)
        default:
            index += 1
            if character.isLetter { return .identifier(String(character)) }
            return Self.operatorNode(character)
        }
    }

    /// A character that is an operator, a delimiter or punctuation.
    private static func operatorNode(_ character: Character) -> MathNode {
        switch character {
        case "-": return .op("−")
        case "*": return .op("∗")
        case "(", ")", "[", "]", "|": return .op(String(character), attributes: [("stretchy", "false")])
        default: return .op(String(character))
        }
    }

    // MARK: - Commands

    private mutating func parseCommand() throws -> MathNode? {
        let start = index
        let name = readCommandName()
        if name.isEmpty { throw TeXError(message: "a lone backslash at the end", offset: start) }
        if let letter = TeXSymbols.letters[name] { return .identifier(letter) }
        if let symbol = TeXSymbols.operators[name] {
            if ["{", "}", "|", "langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert", "lbrace", "rbrace", "lfloor", "rfloor", "lceil", "rceil"].contains(name) {
                return .op(symbol, attributes: [("stretchy", "false")])
            }
            return .op(symbol)
        }
        if let character = TeXSymbols.escapedCharacters[name] { return .op(character) }
        if let width = TeXSymbols.spaces[name] { return .space(width) }
        if TeXSymbols.functions.contains(name) {
            return .function(TeXSymbols.functionSpellings[name] ?? name, limits: TeXSymbols.limitFunctions.contains(name))
        }
        if let mark = TeXSymbols.accents[name] { return .accent(try parseArgument(), mark, stretchy: TeXSymbols.stretchyAccents.contains(name)) }
        if let mark = TeXSymbols.underMarks[name] { return .underMark(try parseArgument(), mark) }
        if let size = TeXSymbols.bigDelimiters[name] {
            let symbol = try readDelimiter(after: name, at: start)
            let em = "\(size)em"
            return .op(symbol, attributes: [("minsize", em), ("maxsize", em), ("stretchy", "true")])
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try parseArgument(displayStyle: false)
            let denominator = try parseArgument(displayStyle: false)
            let fraction = MathNode.fraction(numerator, denominator)
            if name == "dfrac" { return .style(fraction, display: true) }
            if name == "tfrac" { return .style(fraction, display: false) }
            return fraction
        case "binom", "dbinom", "tbinom":
            let top = try parseArgument(displayStyle: false)
            let bottom = try parseArgument(displayStyle: false)
            let fence = [("fence", "true"), ("stretchy", "true")]
            let binomial = MathNode.row([.op("(", attributes: fence), .fraction(top, bottom, rule: false), .op(")", attributes: fence)])
            if name == "dbinom" { return .style(binomial, display: true) }
            if name == "tbinom" { return .style(binomial, display: false) }
            return binomial
        case "not":
            skipSpaces()
            guard index < source.count, let symbol = try parseAtom() else {
                throw TeXError(message: "`\\not` needs a relation or a symbol after it", offset: start)
            }
            switch symbol {
            case .op(let character, let attributes):
                return .op(TeXSymbols.negations[character] ?? character + "\u{338}", attributes: attributes)
            case .identifier(let letter, let upright) where letter.count == 1:
                return .identifier(letter + "\u{338}", upright: upright)
            default:
                throw TeXError(message: "`\\not` needs a relation or a symbol after it", offset: start)
            }
        case "pmod":
            // amsmath's spacing: 18mu before in display math, 8mu inline, 6mu after "mod".
            let modulus = try parseArgument()
            let parenthesis = [("stretchy", "false")]
            return .row([.space(display ? 1 : 0.4444), .op("(", attributes: parenthesis), .identifier("mod"), .space(0.3333), modulus, .op(")", attributes: parenthesis)])
        case "middle":
            guard leftDepth > 0 else { throw TeXError(message: "`\\middle` without a `\\left` before it", offset: start) }
            let symbol = try readDelimiter(after: name, at: start)
            // TeX puts no space around a \middle delimiter.
            return symbol.isEmpty ? .row([]) : .op(symbol, attributes: [("fence", "true"), ("stretchy", "true"), ("lspace", "0"), ("rspace", "0")])
        case "substack":
            skipSpaces()
            guard index < source.count, source[index] == "{" else {
                throw TeXError(message: "`\\substack` needs a braced argument", offset: start)
            }
            let open = index
            index += 1
            let (rows, _) = try parseRows(displayCells: false)
            guard index < source.count, source[index] == "}" else { throw TeXError(message: "this `{` is never closed", offset: open) }
            index += 1
            return .table(rows: rows, open: "", close: "", alignments: [])
        case "hline":
            throw TeXError(message: "`\\hline` belongs at the start of a row of an array or a matrix", offset: start)
        case "tag", "tag*":
            let label = try readText(command: name, at: start)
            guard display else { throw TeXError(message: "`\\\(name)` is only allowed in display math", offset: start) }
            guard tag == nil else { throw TeXError(message: "a formula has one `\\tag`; this is a second", offset: start) }
            tag = .text(name == "tag" ? "(\(label))" : label)
            return nil
        case "phantom":
            return .phantom(try parseArgument())
        case "boxed":
            // TeX boxes its argument in display style, inline too.
            let content = try parseArgument(displayStyle: true)
            return .boxed(displayStyle ? content : .style(content, display: true))
        case "xrightarrow", "xleftarrow":
            let below = try parseOptionalArgument(of: name, at: start)
            let above = try parseArgument(displayStyle: false)
            // The arrow stretches over its labels, which TeX pads by 10mu before and 5mu after.
            let pad = { (label: MathNode) in MathNode.row([.space(0.5556), label, .space(0.2778)]) }
            let arrow = MathNode.op(name == "xrightarrow" ? "→" : "←", attributes: [("stretchy", "true")])
            return .scripts(base: arrow, sub: below.map(pad), sup: pad(above), limits: true)
        case "sqrt":
            let rootIndex = try parseOptionalArgument(of: name, at: start)
            return .root(try parseArgument(), index: rootIndex)
        case "text", "textrm", "textnormal", "mbox", "textit", "textbf":
            let style: MathNode.TextStyle = name == "textbf" ? .bold : name == "textit" ? .italic : .upright
            return try parseText(command: name, at: start, style: style)
        case "operatorname", "operatorname*":
            let text = try readText(command: name, at: start)
            return .function(text, limits: name == "operatorname*")
        case "left":
            return try parseLeftRight(start: start)
        case "right":
            throw TeXError(message: "`\\right` without a `\\left` before it", offset: start)
        case "begin":
            return try parseEnvironment(start: start)
        case "overset", "underset", "stackrel":
            let mark = try parseArgument()
            let base = try parseArgument()
            return .scripts(base: base, sub: name == "underset" ? mark : nil, sup: name == "underset" ? nil : mark, limits: true)
        default:
            break
        }
        if let alphabet = TeXSymbols.fonts[name] {
            let argument = try parseArgument()
            return Self.restyle(argument, alphabet)
        }
        throw TeXError(message: "unknown TeX command `\\\(name)`", offset: start)
    }

    /// The argument of `\text` and the like: `<mtext>` in `style`, and the math between `$`s in it
    /// (`\text{if $x > 0$}`), parsed as inline math, in text style as in TeX.
    private mutating func parseText(command: String, at start: Int, style: MathNode.TextStyle) throws -> MathNode {
        var nodes: [MathNode] = []
        for piece in try readTextPieces(command: command, at: start, mathAllowed: true) {
            switch piece {
            case .text(let text):
                if !text.isEmpty { nodes.append(.text(text, style: style)) }
            case .math(let range):
                var inner = TeXParser(String(source[range]), display: false)
                let math: MathNode
                do {
                    math = try inner.parse()
                } catch let error as TeXError {
                    throw TeXError(message: error.message, offset: range.lowerBound + error.offset)
                }
                nodes.append(displayStyle ? .style(math, display: false) : math)
            }
        }
        return nodes.isEmpty ? .text("", style: style) : Self.row(nodes)
    }

    /// An optional argument in brackets, as in `\sqrt[3]{x}`, in text style; nil when there is none.
    private mutating func parseOptionalArgument(of command: String, at start: Int) throws -> MathNode? {
        skipSpaces()
        guard index < source.count, source[index] == "[" else { return nil }
        index += 1
        let outer = displayStyle
        displayStyle = false
        defer { displayStyle = outer }
        var nodes: [MathNode] = []
        while index < source.count, source[index] != "]" {
            skipSpaces()
            if index < source.count, source[index] == "]" { break }
            let atomStart = index
            // Scripts are read with their atom: a bare `_` or `^` would otherwise be read forever.
            if let atom = try parseAtom() { nodes.append(try parseScripts(of: Self.unary(atom, after: nodes.last), start: atomStart)) }
        }
        guard index < source.count else { throw TeXError(message: "the `[` of `\\\(command)[` is never closed", offset: start) }
        index += 1
        return Self.row(nodes)
    }

    /// `\left( … \right)`.
    private mutating func parseLeftRight(start: Int) throws -> MathNode {
        let open = try readDelimiter(after: "left", at: start)
        let outer = displayStyle
        leftDepth += 1
        defer {
            displayStyle = outer
            leftDepth -= 1
        }
        let content = try parseList()
        guard peekToken() == "\\right" else {
            throw TeXError(message: "this `\\left` has no matching `\\right`", offset: start)
        }
        let rightStart = index
        index += 6
        let close = try readDelimiter(after: "right", at: rightStart)
        var nodes: [MathNode] = []
        if !open.isEmpty { nodes.append(.op(open, attributes: [("fence", "true"), ("stretchy", "true")])) }
        nodes += content
        if !close.isEmpty { nodes.append(.op(close, attributes: [("fence", "true"), ("stretchy", "true")])) }
        return .row(nodes)
    }

    /// The delimiter after `\left`, `\right` or `\big`: a character, `.` for none, or a command.
    private mutating func readDelimiter(after command: String, at start: Int) throws -> String {
        skipSpaces()
        guard index < source.count else { throw TeXError(message: "`\\\(command)` needs a delimiter after it", offset: start) }
        let character = source[index]
        if character == "\\" {
            let at = index
            let name = readCommandName()
            let known = ["{", "}", "|", "langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert", "lbrace", "rbrace", "lfloor", "rfloor", "lceil", "rceil", "uparrow", "downarrow"]
            guard known.contains(name), let symbol = TeXSymbols.operators[name] else {
                throw TeXError(message: "`\\\(name)` is not a delimiter for `\\\(command)`", offset: at)
            }
            return symbol
        }
        guard "()[]|./<>".contains(character) else {
            throw TeXError(message: "`\(character)` is not a delimiter for `\\\(command)`", offset: index)
        }
        index += 1
        switch character {
        case ".": return ""
        case "<": return "⟨"
        case ">": return "⟩"
        default: return String(character)
        }
    }

    /// `\begin{name} … \end{name}` for the matrix-like environments.
    private mutating func parseEnvironment(start: Int) throws -> MathNode {
        let name = try readText(command: "begin", at: start)
        guard let environment = TeXSymbols.environments[name] else {
            throw TeXError(message: "unknown TeX environment `\(name)`", offset: start)
        }
        var alignments = environment.alignments
        if name == "array" {
            let spec = try readText(command: "begin{array}", at: start)
            alignments = spec.compactMap { ["l": "left", "c": "center", "r": "right"][$0] }
        }
        let (rows, lines) = try parseRows(displayCells: ["aligned", "gathered"].contains(name))
        guard peekToken() == "\\end" else {
            throw TeXError(message: "`\\begin{\(name)}` is never closed by `\\end{\(name)}`", offset: start)
        }
        let endStart = index
        index += 4
        let closing = try readText(command: "end", at: endStart)
        guard closing == name else {
            throw TeXError(message: "`\\begin{\(name)}` is closed by `\\end{\(closing)}`", offset: endStart)
        }
        let table = MathNode.table(rows: rows, open: environment.open, close: environment.close, alignments: alignments, lines: lines)
        return name == "smallmatrix" ? .style(table, display: false, scriptLevel: 1) : table
    }

    /// The cells of a table up to the `\end` of its environment or the `}` of `\substack` (left
    /// for the caller): `&` ends a cell and `\\` a row. An `\hline` at the start of a row draws a
    /// rule above it, below the last row after a final `\\`, whose empty row is dropped. Cells are
    /// in text style; with `displayCells` (`aligned`, `gathered`) in display style, as in TeX, and
    /// marked so, since MathML sets table cells in text style.
    private mutating func parseRows(displayCells: Bool) throws -> (rows: [[MathNode]], lines: [Int]) {
        var rows: [[MathNode]] = [[]]
        var lines: [Int] = []
        let outer = displayStyle
        defer { displayStyle = outer }
        while true {
            if rows[rows.count - 1].isEmpty {
                skipSpaces()
                while peekToken() == "\\hline" {
                    index += 6
                    if lines.last != rows.count - 1 { lines.append(rows.count - 1) }
                    skipSpaces()
                }
            }
            displayStyle = displayCells
            let cell = try parseList()
            rows[rows.count - 1].append(Self.row(cell))
            let token = peekToken()
            if token == "&" {
                index += 1
            } else if token == "\\\\" {
                index += 2
                rows.append([])
            } else {
                break
            }
        }
        if rows.count > 1, rows.last?.count == 1, rows.last?.first == .row([]) { rows.removeLast() }
        if displayCells { rows = rows.map { $0.map { .style($0, display: true) } } }
        return (rows, lines)
    }

    // MARK: - Reading

    /// The name after a backslash: letters (and a `*`), or one other character. Moves past it.
    private mutating func readCommandName() -> String {
        index += 1
        guard index < source.count else { return "" }
        if !source[index].isASCII || !source[index].isLetter {
            index += 1
            return String(source[index - 1])
        }
        var name = ""
        while index < source.count, source[index].isASCII, source[index].isLetter {
            name.append(source[index])
            index += 1
        }
        if name == "operatorname" || name == "tag", index < source.count, source[index] == "*" {
            index += 1
            name += "*"
        }
        return name
    }

    /// The raw text of a braced argument (for `\operatorname`, environment names): `\{`, `\}`,
    /// `\\`, `\_`, `\%`, `\&`, `\$`, `\#` and `\ ` stand for their character; other commands are errors.
    private mutating func readText(command: String, at start: Int) throws -> String {
        try readTextPieces(command: command, at: start, mathAllowed: false).map { piece in
            if case .text(let text) = piece { return text } else { return "" }
        }.joined()
    }

    /// A piece of a braced text argument: text, or where math between `$`s lies in the source.
    private enum TextPiece {
        case text(String)
        case math(Range<Int>)
    }

    /// The pieces of a braced text argument, as `readText` reads it; with `mathAllowed`, a `$`
    /// (not `\$`) starts math that the next one ends, else it is a character of the text.
    private mutating func readTextPieces(command: String, at start: Int, mathAllowed: Bool) throws -> [TextPiece] {
        skipSpaces()
        guard index < source.count, source[index] == "{" else {
            throw TeXError(message: "`\\\(command)` needs a braced argument", offset: start)
        }
        index += 1
        var depth = 0
        var text = ""
        var pieces: [TextPiece] = []
        while index < source.count {
            let character = source[index]
            if mathAllowed, character == "$" {
                let open = index
                var end = index + 1
                while end < source.count, source[end] != "$" { end += source[end] == "\\" ? 2 : 1 }
                guard end < source.count else {
                    throw TeXError(message: "this `$` inside `\\\(command)` is never closed", offset: open)
                }
                pieces += [.text(text), .math(open + 1..<end)]
                text = ""
                index = end + 1
                continue
            }
            if character == "\\" {
                guard index + 1 < source.count, "{}\\_%&$# ".contains(source[index + 1]) else {
                    let name = index + 1 < source.count ? String(source[index + 1]) : ""
                    throw TeXError(message: "unsupported command `\\\(name)…` inside `\\\(command)`", offset: index)
                }
                text.append(source[index + 1])
                index += 2
                continue
            }
            if character == "{" { depth += 1 }
            if character == "}" {
                if depth == 0 {
                    index += 1
                    return pieces + [.text(text)]
                }
                depth -= 1
            }
            text.append(character)
            index += 1
        }
        throw TeXError(message: "the argument of `\\\(command)` is never closed", offset: start)
    }

    /// The next token as text, without moving: `\name`, `\\`, or one character.
    private func peekToken() -> String {
        guard index < source.count else { return "" }
        guard source[index] == "\\", index + 1 < source.count else { return String(source[index]) }
        var end = index + 1
        if source[end].isASCII, source[end].isLetter {
            while end < source.count, source[end].isASCII, source[end].isLetter { end += 1 }
        } else {
            end += 1
        }
        return String(source[index..<end])
    }

    private mutating func skipSpaces() {
        while index < source.count, source[index].isWhitespace { index += 1 }
    }

    // MARK: - Helpers

    /// A `+`, `−` or `±` that starts a list or follows an operator, a relation or an opening
    /// delimiter is a sign, not a binary operator, as in TeX: `(-0.4)`, `b = -0.1`.
    ///
    /// After a function name it is a sign too (`\sin -x`), as TeX makes a binary operator after an
    /// operator ordinary. After `\cdots` and the other dots, which TeX sets as ordinary material, it stays binary and
    /// says so (`form="infix"`): `x_1 + \cdots + x_n`.
    static func unary(_ atom: MathNode, after previous: MathNode?) -> MathNode {
        guard case .op(let symbol, let attributes) = atom, attributes.isEmpty, ["−", "+", "±", "∓"].contains(symbol) else {
            return atom
        }
        if case .op(let before, _)? = previous, [")", "]", "|", "‖", "}", "⟩", "⌋", "⌉", "!", "′"].contains(before) {
            return atom
        }
        if case .op(let before, _)? = previous, ["⋯", "…", "⋮", "⋱"].contains(before) {
            return .op(symbol, attributes: [("form", "infix")])
        }
        if previous == nil || previous?.isFunction == true || { if case .op = previous! { return true } else { return false } }() {
            return .op(symbol, attributes: [("form", "prefix")])
        }
        return atom
    }

    /// `nodes` with U+2061 FUNCTION APPLICATION after each function name that has an argument, as
    /// texmath writes it, and the thin spaces TeX puts around an operator name: before it after
    /// ordinary material (`2\ln 2`), and after it before its argument unless that opens with a
    /// delimiter (`\log x`, but `\log(x)`). A function before a relation, a binary operator,
    /// punctuation, a closing delimiter or the end of the list has no argument.
    static func applyingFunctions(_ nodes: [MathNode]) -> [MathNode] {
        guard nodes.contains(where: \.isFunction) else { return nodes }
        var result: [MathNode] = []
        for (position, node) in nodes.enumerated() {
            guard node.isFunction else {
                result.append(node)
                continue
            }
            if let previous = result.last, isOrdinaryBeforeFunction(previous) { result.append(.space(0.1667)) }
            result.append(node)
            let argument = nodes[(position + 1)...].first { if case .space = $0 { return false } else { return true } }
            guard let argument, let thinSpace = argumentSpacing(argument) else { continue }
            result.append(.op("\u{2061}", attributes: thinSpace ? [("rspace", "0.1667em")] : []))
        }
        return result
    }

    /// Whether TeX puts a thin space between `node` and an operator name after it: after ordinary
    /// material and closing delimiters, not after operators (whose own spacing MathML applies).
    private static func isOrdinaryBeforeFunction(_ node: MathNode) -> Bool {
        switch node {
        case .op(let symbol, _): return [")", "]", "}", "⟩", "⌋", "⌉", "!", "′"].contains(symbol)
        case .space: return false
        case .scripts(let base, _, _, _): return isOrdinaryBeforeFunction(base)
        default: return true
        }
    }

    /// For the node after a function name: nil when it is no argument, else whether a thin space
    /// goes between them (false for an opening delimiter).
    private static func argumentSpacing(_ node: MathNode) -> Bool? {
        guard case .op(let symbol, let attributes) = node else { return true }
        if ["(", "[", "{", "⟨", "⌊", "⌈"].contains(symbol) { return false }
        let isSign = attributes.contains { $0.0 == "form" && $0.1 == "prefix" }
        if isSign || ["|", "‖", "⋯", "…", "∑", "∏", "∐", "∫", "∬", "∮", "⋃", "⋂", "⨁", "⨂", "∂", "∇", "¬"].contains(symbol) { return true }
        return nil
    }

    /// The prime character for `count` apostrophes: ′, ″, ‴, ⁗ (one character each, as Unicode
    /// composes them), and more primes as repeated ′.
    static func primeSymbol(count: Int) -> String {
        switch count {
        case 1: return "′"
        case 2: return "″"
        case 3: return "‴"
        case 4: return "⁗"
        default: return String(repeating: "′", count: count)
        }
    }

    /// One node as itself, several as a row.
    static func row(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : .row(nodes)
    }

    /// `node` with its letters and digits in `alphabet`.
    static func restyle(_ node: MathNode, _ alphabet: MathAlphabet) -> MathNode {
        switch node {
        case .identifier(let name, _):
            if alphabet == .upright { return .identifier(name, upright: true) }
            return .identifier(String(name.map(alphabet.map)))
        case .number(let digits):
            return .number(String(digits.map(alphabet.map)))
        case .row(let children):
            return .row(children.map { restyle($0, alphabet) })
        case .scripts(let base, let sub, let sup, let limits):
            return .scripts(base: restyle(base, alphabet), sub: sub, sup: sup, limits: limits)
        case .accent(let base, let mark, let stretchy):
            return .accent(restyle(base, alphabet), mark, stretchy: stretchy)
        default:
            return node
        }
    }
}
