/// Highlights Swift code at build time: keywords, types, strings, numbers, comments and
/// attributes become `<span>`s with a class each, and everything else is escaped text.
public struct SwiftHighlighter: Sendable {
    /// The kinds of token that get a class: `kw`, `ty`, `st`, `nu`, `co`, `at`, `fn`.
    enum Kind: String {
        case keyword = "kw", type = "ty", string = "st", number = "nu", comment = "co", attribute = "at", call = "fn"
    }

    static let keywords: Set<String> = [
        "let", "var", "func", "return", "if", "else", "guard", "for", "in", "while", "repeat", "switch",
        "case", "default", "break", "continue", "struct", "class", "enum", "protocol", "extension",
        "import", "init", "deinit", "self", "Self", "super", "true", "false", "nil", "try", "throw",
        "throws", "rethrows", "catch", "do", "defer", "where", "as", "is", "some", "any", "inout",
        "static", "private", "fileprivate", "internal", "public", "open", "mutating", "nonmutating",
        "typealias", "associatedtype", "subscript", "operator", "async", "await", "lazy", "weak",
        "unowned", "final", "override", "convenience", "required", "indirect", "fallthrough", "get", "set",
    ]

    /// Where the API reference documents a type or a top-level function, by name; a type's name,
    /// or a call not preceded by `.`, that is found here becomes a link.
    public var links: [String: String] = [:]

    /// A highlighter.
    public init() {}

    /// `code` as HTML: escaped, with highlighted tokens wrapped in `<span class="…">`.
    public func html(_ code: String) -> String {
        var scanner = Scanner(Array(code))
        var html = ""
        var previous = ""
        while let (text, kind) = scanner.next() {
            if let kind {
                let span = "<span class=\"\(kind.rawValue)\">\(HTML.escape(text))</span>"
                if kind == .type || kind == .call, !previous.hasSuffix("."), let href = links[text] {
                    html += "<a class=\"api-link\" href=\"\(HTML.escape(href))\">\(span)</a>"
                } else {
                    html += span
                }
            } else {
                html += HTML.escape(text)
            }
            previous = text
        }
        return html
    }

    /// Splits Swift source into tokens; whitespace and punctuation come back without a kind.
    struct Scanner {
        let source: [Character]
        var index = 0

        init(_ source: [Character]) {
            self.source = source
        }

        mutating func next() -> (String, Kind?)? {
            guard index < source.count else { return nil }
            let start = index
            let character = source[index]
            if character == "/", peek(1) == "/" {
                while index < source.count, source[index] != "\n" { index += 1 }
                return (text(from: start), .comment)
            }
            if character == "/", peek(1) == "*" {
                skipBlockComment()
                return (text(from: start), .comment)
            }
            if character == "\"" || (character == "#" && peek(1) == "\"") {
                skipString()
                return (text(from: start), .string)
            }
            if character.isNumber {
                while index < source.count, source[index].isNumber || source[index].isLetter || source[index] == "_"
                    || (source[index] == "." && peek(1)?.isNumber == true)
                    || ((source[index] == "-" || source[index] == "+") && (source[index - 1] == "e" || source[index - 1] == "E") && !text(from: start).hasPrefix("0x"))
                {
                    index += 1
                }
                return (text(from: start), .number)
            }
            if character == "@" || character == "#", peek(1).map(isIdentifierCharacter) == true {
                index += 1
                while index < source.count, isIdentifierCharacter(source[index]) { index += 1 }
                return (text(from: start), .attribute)
            }
            if isIdentifierCharacter(character) {
                while index < source.count, isIdentifierCharacter(source[index]) { index += 1 }
                let word = text(from: start)
                if SwiftHighlighter.keywords.contains(word), start == 0 || source[start - 1] != "." { return (word, .keyword) }
                if word.first?.isUppercase == true { return (word, .type) }
                if index < source.count, source[index] == "(" { return (word, .call) }
                return (word, nil)
            }
            index += 1
            while index < source.count, !startsToken(at: index) { index += 1 }
            return (text(from: start), nil)
        }

        private func startsToken(at position: Int) -> Bool {
            let character = source[position]
            let following = position + 1 < source.count ? source[position + 1] : nil
            return isIdentifierCharacter(character) || character.isNumber || character == "\"" || character == "@" || character == "#"
                || (character == "/" && (following == "/" || following == "*"))
        }

        private func isIdentifierCharacter(_ character: Character) -> Bool {
            character.isLetter || character == "_" || (character.isNumber && !character.isASCII) || character.isNumber
        }

        private func peek(_ offset: Int) -> Character? {
            index + offset < source.count ? source[index + offset] : nil
        }

        private func text(from start: Int) -> String {
            String(source[start..<index])
        }

        private mutating func skipBlockComment() {
            var depth = 0
            while index < source.count {
                if source[index] == "/", peek(1) == "*" {
                    depth += 1
                    index += 2
                } else if source[index] == "*", peek(1) == "/" {
                    depth -= 1
                    index += 2
                    if depth == 0 { return }
                } else {
                    index += 1
                }
            }
        }

        /// Moves past a string literal: `"…"`, `"""…"""`, raw `#"…"#`, with interpolations whose
        /// parentheses and nested strings are followed.
        private mutating func skipString() {
            var hashes = 0
            while index < source.count, source[index] == "#" {
                hashes += 1
                index += 1
            }
            let multiline = peek(0) == "\"" && peek(1) == "\"" && peek(2) == "\""
            index += multiline ? 3 : 1
            while index < source.count {
                let character = source[index]
                if character == "\n", !multiline { return }
                if character == "\\", hashes == 0 || (index + hashes < source.count && source[(index + 1)...].prefix(hashes).allSatisfy { $0 == "#" }) {
                    index += 1 + hashes
                    if index < source.count, source[index] == "(" {
                        skipInterpolation()
                    } else {
                        index += 1
                    }
                    continue
                }
                if character == "\"" {
                    let quotes = multiline ? 3 : 1
                    let closing = source[index...].prefix(quotes).allSatisfy { $0 == "\"" }
                        && source[(index + quotes)...].prefix(hashes).count == hashes
                        && source[(index + quotes)...].prefix(hashes).allSatisfy { $0 == "#" }
                    if closing {
                        index += quotes + hashes
                        return
                    }
                }
                index += 1
            }
        }

        private mutating func skipInterpolation() {
            var depth = 0
            while index < source.count {
                let character = source[index]
                if character == "\"" {
                    skipString()
                    continue
                }
                if character == "(" { depth += 1 }
                if character == ")" {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                }
                index += 1
            }
        }
    }
}
