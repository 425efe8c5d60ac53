/// Reads the values of the check grammar from text: numbers (`-0.5`, `1e-8`, `nan`, `inf`),
/// `true`, `false`, `nil`, double-quoted strings and bracketed lists.
struct ValueReader {
    /// What went wrong, without a location (the caller adds it).
    struct Problem: Error {
        var message: String
    }

    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    var isAtEnd: Bool { position >= characters.count }
    var remainder: String { String(characters[min(position, characters.count)...]) }

    /// Reads one value and requires that nothing but spaces follows.
    mutating func readWhole() throws -> ExpectedValue {
        let value = try readValue()
        skipSpaces()
        guard isAtEnd else {
            throw Problem(message: "unexpected `\(remainder)` after the value")
        }
        return value
    }

    mutating func readValue(depth: Int = 0) throws -> ExpectedValue {
        skipSpaces()
        guard depth < 16 else { throw Problem(message: "values nest at most 16 lists deep") }
        guard !isAtEnd else { throw Problem(message: "a value is missing") }
        let character = characters[position]
        if character == "[" {
            position += 1
            var elements: [ExpectedValue] = []
            skipSpaces()
            if consume("]") { return .list(elements) }
            while true {
                elements.append(try readValue(depth: depth + 1))
                skipSpaces()
                if consume("]") { return .list(elements) }
                guard consume(",") else {
                    throw Problem(message: "expected `,` or `]` in a list, found `\(remainder)`")
                }
            }
        }
        if character == "\"" { return .string(try readString()) }
        if consumeWord("true") { return .bool(true) }
        if consumeWord("false") { return .bool(false) }
        if consumeWord("nil") { return .null }
        if let (value, literal) = readNumberLiteral() { return .number(value, literal: literal) }
        throw Problem(message: "cannot read a value at `\(remainder)`: expected a number, true, false, nil, a string or a list")
    }

    /// Reads `-1.25e-3`, `nan`, `inf` or `-inf`; returns nil (consuming nothing) if there is none.
    mutating func readNumberLiteral() -> (Double, String)? {
        let start = position
        var literal = ""
        if position < characters.count, characters[position] == "-" || characters[position] == "+" {
            literal.append(characters[position])
            position += 1
        }
        if consumeWord("nan") { return (Double.nan, literal + "nan") }
        if consumeWord("inf") { return (literal == "-" ? -Double.infinity : Double.infinity, literal + "inf") }
        var digits = 0
        var sawPoint = false
        while position < characters.count {
            let character = characters[position]
            if character.isASCII, character.isNumber {
                digits += 1
            } else if character == ".", !sawPoint, !(position + 1 < characters.count && characters[position + 1] == ".") {
                sawPoint = true
            } else {
                break
            }
            literal.append(character)
            position += 1
        }
        guard digits > 0 else {
            position = start
            return nil
        }
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            var exponent = String(characters[position])
            var next = position + 1
            if next < characters.count, characters[next] == "-" || characters[next] == "+" {
                exponent.append(characters[next])
                next += 1
            }
            var exponentDigits = 0
            while next < characters.count, characters[next].isASCII, characters[next].isNumber {
                exponent.append(characters[next])
                next += 1
                exponentDigits += 1
            }
            if exponentDigits > 0 {
                literal += exponent
                position = next
            }
        }
        guard let value = Double(literal) else {
            position = start
            return nil
        }
        return (value, literal)
    }

    private mutating func readString() throws -> String {
        position += 1
        var result = ""
        while position < characters.count {
            let character = characters[position]
            position += 1
            switch character {
            case "\"": return result
            case "\\":
                guard position < characters.count else { break }
                let escaped = characters[position]
                position += 1
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\": result.append(escaped)
                default: throw Problem(message: "unknown escape `\\\(escaped)` in a string")
                }
            default: result.append(character)
            }
        }
        throw Problem(message: "a string is not closed with `\"`")
    }

    mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    mutating func consume(_ text: String) -> Bool {
        let expected = Array(text)
        guard position + expected.count <= characters.count,
            Array(characters[position..<position + expected.count]) == expected
        else { return false }
        position += expected.count
        return true
    }

    /// Consumes `word` only when no letter, digit or underscore follows it.
    private mutating func consumeWord(_ word: String) -> Bool {
        let start = position
        guard consume(word) else { return false }
        if position < characters.count {
            let next = characters[position]
            if next.isLetter || next.isNumber || next == "_" {
                position = start
                return false
            }
        }
        return true
    }
}
