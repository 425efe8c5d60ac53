/// Which of the snippets before an exercise its program needs, so that checking an answer does not
/// re-run the chapter's unrelated work (a training run before the exercises costs seconds per check).
///
/// The analysis is lexical and errs on the side of keeping a snippet:
/// - A snippet's *mentions* are every identifier-shaped word in its code and its string literals
///   (which may hold interpolations), not in its comments.
/// - The chapter's *names* over-approximate what its snippets declare at top level, outside braces
///   (a function's locals and a type's members are not top-level names): the words of a `let` or
///   `var` pattern (up to its `=` or `:`) and the first word after each comma outside brackets in
///   the rest of that statement (`let a = 1, b = 2`), and the word after `func`, `struct`, `class`,
///   `enum`, `actor`, `typealias`, `protocol`, `associatedtype` and `case`.
/// - A name can carry state from snippet to snippet when it is a `let` or `var`, a type with a
///   `static var`, or a function or type whose body mentions such a name. Other functions and
///   types only need declaring.
/// - The exercise's section seeds the names whose values it may read with its mentions. A snippet
///   before it that mentions one of those that can carry state is kept, and its mentions join them,
///   until nothing changes. So a snippet that mutates such a variable, aliases it, or calls a
///   function that mutates it, is kept, wherever it comes. The snippets that declare a needed
///   function or type are kept too, and so on for what their bodies mention.
/// - A snippet that can change the meaning of code without being named is always kept: one with an
///   `import`, `extension`, `protocol`, `precedencegroup` or operator declaration, or a `func` whose
///   name is an operator. What such a snippet mentions only needs declaring: the snippets that
///   declare it are kept too (and what they mention needs declaring in turn), but not every snippet
///   that uses it, since nothing the exercise reads flows through it.
///
/// The libraries hold no public mutable global state, so state passes between snippets through the
/// chapter's own top-level names, which this follows. What it does not follow is the world outside
/// the process: a snippet that writes a file which the exercise reads back must share a name with
/// it (the path in a `let`) to be kept. A declaration left out shows as a compiler error in the
/// answer ("cannot find … in scope"). `workbook verify` runs each exercise's solution in its own
/// program too, so a chapter whose exercises this analysis would break does not verify.
enum SnippetDependencies {
    /// The indices, into `snippets`, of the snippets that code mentioning `seeds` needs.
    static func needed(_ snippets: [String], seeds: Set<String>) -> Set<Int> {
        let mentions = snippets.map(words(in:))
        let declarations = snippets.map(declarations(in:))
        let declared = declarations.map { $0.values.union($0.bodies.keys) }
        let names = declared.reduce(into: Set<String>()) { $0.formUnion($1) }
        let stateful = statefulNames(declarations)
        let alwaysKept = snippets.map(isAlwaysKept)
        var data = seeds.intersection(stateful)
        var compiled = seeds.intersection(names)
        var state = Array(repeating: Need.none, count: snippets.count)
        var changed = true
        while changed {
            changed = false
            for index in snippets.indices where state[index] != .data {
                if !mentions[index].isDisjoint(with: data) {
                    state[index] = .data
                    data.formUnion(mentions[index].intersection(stateful))
                    compiled.formUnion(mentions[index].intersection(names))
                    changed = true
                } else if state[index] == .none, alwaysKept[index] || !declared[index].isDisjoint(with: compiled) {
                    state[index] = .compiled
                    compiled.formUnion(mentions[index].intersection(names))
                    changed = true
                }
            }
        }
        return Set(snippets.indices.filter { state[$0] != .none })
    }

    /// The names that can carry state from one snippet to another: every `let` and `var`, every
    /// type with a `static var`, and every function or type whose body mentions such a name.
    static func statefulNames(_ declarations: [Declarations]) -> Set<String> {
        var stateful = declarations.reduce(into: Set<String>()) { $0.formUnion($1.values) }
        var bodies: [String: Set<String>] = [:]
        for declaration in declarations {
            bodies.merge(declaration.bodies) { $0.union($1) }
        }
        var changed = true
        while changed {
            changed = false
            for (name, body) in bodies where !stateful.contains(name) && !body.isDisjoint(with: stateful) {
                stateful.insert(name)
                changed = true
            }
        }
        return stateful
    }

    /// Why a snippet is kept: not at all; because it is always kept or declares a name that a kept
    /// snippet uses (its own mentions then need declarations only); or because it mentions a name
    /// whose value the exercise may read (its mentions then need every snippet that touches them).
    private enum Need { case none, compiled, data }

    /// Every identifier-shaped word in `code` (backticks removed), outside comments, that may name
    /// something at top level.
    ///
    /// A word after a single `.` is a member (`x.count`, `.relu`, `\\.loss`) and names nothing at top
    /// level; after `...` it is a range's bound. A word followed by `:` right after `(` or a comma,
    /// inside parentheses, is an argument or tuple label (`record(epoch: 1, test: 2)`); inside
    /// square brackets it is a dictionary key, and a mention.
    static func words(in code: String) -> Set<String> {
        mentions(in: tokens(in: code)[...])
    }

    /// The mentions among `tokens` (see `words(in:)`).
    static func mentions(in tokens: ArraySlice<Token>) -> Set<String> {
        var words = Set<String>()
        var brackets: [Character] = []
        for position in tokens.indices {
            let token = tokens[position]
            guard case .word(let word) = token else {
                if case .symbol(let symbol) = token {
                    if "([{".contains(symbol) { brackets.append(symbol) }
                    if ")]}".contains(symbol) { _ = brackets.popLast() }
                }
                continue
            }
            let before: Token? = position > tokens.startIndex ? tokens[position - 1] : nil
            let isMember = before == .symbol(".") && (position - 2 < tokens.startIndex || tokens[position - 2] != .symbol("."))
            let isLabel = brackets.last == "(" && (before == .symbol("(") || before == .symbol(","))
                && position + 1 < tokens.endIndex && tokens[position + 1] == .symbol(":")
            if !isMember && !isLabel { words.insert(word) }
        }
        return words
    }

    /// What a snippet declares at top level.
    struct Declarations: Equatable {
        /// Names declared by `let` and `var`, and types with a `static var`.
        var values: Set<String> = []
        /// Functions and types, with the words their bodies mention.
        var bodies: [String: Set<String>] = [:]
    }

    /// The words `code` may declare (an over-approximation; see the type's notes).
    static func declaredNames(in code: String) -> Set<String> {
        let found = declarations(in: code)
        return found.values.union(found.bodies.keys)
    }

    /// What `code` may declare at top level (an over-approximation; see the type's notes).
    static func declarations(in code: String) -> Declarations {
        let tokens = tokens(in: code)
        var found = Declarations()
        var braces = 0
        for (position, token) in tokens.enumerated() {
            if token == .symbol("{") { braces += 1 }
            if token == .symbol("}") { braces -= 1 }
            guard case .word(let word) = token, braces == 0 else { continue }
            switch word {
            case "let", "var":
                var depth = 0, inPattern = true, afterComma = false
                statement: for later in tokens[(position + 1)...] {
                    if inPattern || afterComma, case .word(let name) = later { found.values.insert(name) }
                    afterComma = false
                    switch later {
                    case .symbol("("), .symbol("["), .symbol("{"): depth += 1
                    case .symbol(")"), .symbol("]"), .symbol("}"):
                        depth -= 1
                        if depth < 0 { break statement }
                    case .newline where depth == 0: break statement
                    case .symbol("="), .symbol(":"):
                        if depth == 0 { inPattern = false }
                    case .symbol(","):
                        afterComma = depth == 0
                    default: continue
                    }
                }
            case "func", "struct", "class", "enum", "actor":
                guard position + 1 < tokens.count, case .word(let name) = tokens[position + 1] else { continue }
                guard let open = tokens[(position + 2)...].firstIndex(of: .symbol("{")) else {
                    found.values.insert(name)
                    continue
                }
                var depth = 0
                var close = tokens.endIndex
                for index in open..<tokens.endIndex {
                    if tokens[index] == .symbol("{") { depth += 1 }
                    if tokens[index] == .symbol("}") { depth -= 1 }
                    if depth == 0 { close = index; break }
                }
                let body = tokens[(open + 1)..<close]
                found.bodies[name, default: []].formUnion(mentions(in: body))
                if zip(body, body.dropFirst()).contains(where: { $0 == .word("static") && $1 == .word("var") }) {
                    found.values.insert(name)
                }
            case "typealias", "protocol", "associatedtype":
                if position + 1 < tokens.count, case .word(let name) = tokens[position + 1] { found.bodies[name, default: []] = [] }
            default:
                break
            }
        }
        found.values.subtract(keywords)
        return found
    }

    /// Words a pattern scan may pass over that declare nothing.
    private static let keywords: Set<String> = ["let", "var", "case", "in", "is", "as", "try", "await", "true", "false", "nil", "self"]

    /// Whether `code` holds a declaration that can change other code's meaning without being named.
    static func isAlwaysKept(_ code: String) -> Bool {
        for region in FileScopeDeclarations.split(code).regions {
            let firstLine = region.text.prefix { $0 != "\n" }
            switch FileScopeDeclarations.leadingKeyword(of: String(firstLine)) {
            case "import", "extension", "protocol", "precedencegroup", "operator": return true
            default: continue
            }
        }
        let tokens = tokens(in: code)
        for (position, token) in tokens.enumerated() where token == .word("func") {
            guard position + 1 < tokens.count else { return true }
            if case .symbol = tokens[position + 1] { return true }
        }
        return false
    }

    enum Token: Equatable {
        case word(String)
        case symbol(Character)
        case newline
    }

    /// `code` as words, single punctuation characters and line ends, without its comments; spaces
    /// are dropped. Words inside string literals count (they may be interpolations); a `//` inside
    /// a string does not start a comment.
    static func tokens(in code: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = ""
        }
        let characters = Array(code)
        var commentDepth = 0, inLineComment = false, inString = false
        var i = 0
        while i < characters.count {
            let character = characters[i]
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            defer { i += 1 }
            if inLineComment {
                if character == "\n" { inLineComment = false; tokens.append(.newline) }
                continue
            }
            if commentDepth > 0 {
                if character == "*", next == "/" { commentDepth -= 1; i += 1 }
                else if character == "/", next == "*" { commentDepth += 1; i += 1 }
                continue
            }
            if !inString, character == "/", next == "/" { endWord(); inLineComment = true; continue }
            if !inString, character == "/", next == "*" { endWord(); commentDepth = 1; i += 1; continue }
            if character == "\\", inString { endWord(); i += 1; continue }
            if character == "\"" { inString.toggle() }
            if character == "_" || character.isLetter || (character.isNumber && !word.isEmpty) {
                word.append(character)
                continue
            }
            endWord()
            if character == "\n" {
                tokens.append(.newline)
            } else if character == "`" || character.isWhitespace || character.isNumber {
                continue
            } else {
                tokens.append(.symbol(character))
            }
        }
        endWord()
        return tokens
    }
}
