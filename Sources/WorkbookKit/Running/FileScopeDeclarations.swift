/// Finds, in a snippet's code, the declarations the declaration-order check keeps at file scope
/// while it moves the rest of the snippet into a function body: those Swift allows only there
/// (`import`, `extension`, `protocol`, `precedencegroup`, operator declarations) and type
/// declarations (`struct`, `class`, `enum`, `actor`), since operators declared in a local type are
/// not found and the type checker then searches for minutes. A type has no initialisation order, so
/// nothing the check looks for is lost.
///
/// A line starts such a declaration when, outside comments, strings and braces, its first word after
/// attributes (`@…`) and modifiers is one of those keywords; the declaration ends on the line where
/// its braces close (or on the same line for `import` and operators).
enum FileScopeDeclarations {
    /// A run of lines that holds file-scope declarations.
    struct Region: Equatable {
        /// The first line, 0-based, within the code.
        var firstLine: Int
        /// The lines, joined with newlines.
        var text: String
    }

    /// The file-scope regions of `code`, and the code with their lines left empty (so every other
    /// line keeps its number).
    static func split(_ code: String) -> (regions: [Region], remainder: String) {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var scanner = Scanner()
        var regions: [Region] = []
        var remainder = lines
        var open: (first: Int, sawBrace: Bool, singleLine: Bool)?
        for (number, line) in lines.enumerated() {
            let startsAtTop = scanner.depth == 0 && scanner.isInCode
            if open == nil, startsAtTop, let keyword = leadingKeyword(of: line) {
                open = (number, false, keyword == "import" || keyword == "operator")
            }
            scanner.scan(line)
            guard let current = open else { continue }
            let sawBrace = current.sawBrace || scanner.openedBraceOnLastLine
            if current.singleLine || (sawBrace && scanner.depth == 0) {
                regions.append(Region(firstLine: current.first, text: lines[current.first...number].joined(separator: "\n")))
                for blank in current.first...number { remainder[blank] = "" }
                open = nil
            } else {
                open = (current.first, sawBrace, false)
            }
        }
        return (regions, remainder.joined(separator: "\n"))
    }

    private static let modifiers: Set<String> = [
        "public", "private", "fileprivate", "internal", "package", "open", "final", "nonisolated",
        "indirect", "@retroactive",
    ]

    /// The keyword (`import`, `extension`, `protocol`, `precedencegroup`, `operator`, `struct`,
    /// `class`, `enum`, `actor`) when `line` begins such a declaration.
    static func leadingKeyword(of line: String) -> String? {
        var words = Substring(line).split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, first.hasPrefix("@") || modifiers.contains(String(first)) {
            if first.hasPrefix("@"), first.contains("("), !first.contains(")") {
                return nil  // an attribute with arguments over several words: not worth guessing
            }
            words = words.dropFirst()
        }
        guard let first = words.first else { return nil }
        switch first {
        case "import", "extension", "protocol", "precedencegroup", "struct", "class", "enum", "actor": return String(first)
        case "infix", "prefix", "postfix":
            return words.dropFirst().first == "operator" ? "operator" : nil
        default: return nil
        }
    }

    /// Follows braces through Swift code line by line, skipping comments, string literals (plain,
    /// multi-line and raw) and their interpolations.
    struct Scanner {
        private enum Context: Equatable {
            case code(parentheses: Int)
            case string(multiline: Bool, hashes: Int)
            case blockComment(depth: Int)
        }

        private var stack: [Context] = [.code(parentheses: 0)]
        /// Unclosed `{` outside strings and comments.
        private(set) var depth = 0
        /// Whether the last scanned line opened a brace.
        private(set) var openedBraceOnLastLine = false

        /// Whether the scanner is in code, not inside a string or a comment.
        var isInCode: Bool {
            if case .code = stack.last { return true }
            return false
        }

        mutating func scan(_ line: String) {
            openedBraceOnLastLine = false
            let characters = Array(line)
            var i = 0
            while i < characters.count {
                let c = characters[i]
                let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
                switch stack.last! {
                case .blockComment(let nesting):
                    if c == "*", next == "/" {
                        stack.removeLast()
                        if nesting > 1 { stack.append(.blockComment(depth: nesting - 1)) }
                        i += 1
                    } else if c == "/", next == "*" {
                        stack[stack.count - 1] = .blockComment(depth: nesting + 1)
                        i += 1
                    }
                case .string(let multiline, let hashes):
                    if c == "\\" {
                        let marks = characters[(i + 1)...].prefix { $0 == "#" }.count
                        let after = i + 1 + marks
                        if marks == hashes, after < characters.count, characters[after] == "(" {
                            stack.append(.code(parentheses: 1))
                            i = after
                        } else if hashes == 0 {
                            i += 1
                        }
                    } else if c == "\"", closes(characters, at: i, multiline: multiline, hashes: hashes) {
                        stack.removeLast()
                        i += (multiline ? 2 : 0) + hashes
                    }
                case .code(let parentheses):
                    if c == "/", next == "/" {
                        i = characters.count
                        continue
                    } else if c == "/", next == "*" {
                        stack.append(.blockComment(depth: 1))
                        i += 1
                    } else if c == "#" || c == "\"" {
                        let hashes = characters[i...].prefix { $0 == "#" }.count
                        let quote = i + hashes
                        if quote < characters.count, characters[quote] == "\"" {
                            let multiline = quote + 2 < characters.count && characters[quote + 1] == "\"" && characters[quote + 2] == "\""
                            stack.append(.string(multiline: multiline, hashes: hashes))
                            i = quote + (multiline ? 2 : 0)
                        }
                    } else if c == "(" {
                        stack[stack.count - 1] = .code(parentheses: parentheses + 1)
                    } else if c == ")" {
                        if parentheses == 1, stack.count > 1 {
                            stack.removeLast()  // the end of an interpolation
                        } else {
                            stack[stack.count - 1] = .code(parentheses: max(0, parentheses - 1))
                        }
                    } else if c == "{", stack.count == 1 {
                        depth += 1
                        openedBraceOnLastLine = true
                    } else if c == "}", stack.count == 1 {
                        depth = max(0, depth - 1)
                    }
                }
                i += 1
            }
            // A single-line string cannot continue on the next line.
            if case .string(false, _) = stack.last { stack.removeLast() }
        }

        private func closes(_ characters: [Character], at i: Int, multiline: Bool, hashes: Int) -> Bool {
            var j = i
            for _ in 0..<(multiline ? 3 : 1) {
                guard j < characters.count, characters[j] == "\"" else { return false }
                j += 1
            }
            for _ in 0..<hashes {
                guard j < characters.count, characters[j] == "#" else { return false }
                j += 1
            }
            return true
        }
    }
}
