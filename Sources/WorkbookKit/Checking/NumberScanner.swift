import Foundation

/// Finds the numbers written in a piece of text: the decimals of prose, for `ProseNumberAudit`, and
/// every number of a check or an output, to match them against.
enum NumberScanner {
    /// A decimal as written in prose.
    struct Decimal: Equatable {
        /// The digits as written: `0.0198`, `55.6`.
        var literal: String
        /// The number it states, after a `%` or a `\cdot 10^{k}` that follows it.
        var value: Double
        /// Half a unit of the last digit written, in the units of `value`.
        var halfUnit: Double
        /// Its significant digits: `0.0198` has 3, `1.50` has 3.
        var significantDigits: Int
    }

    /// The decimals (numbers with a decimal point) in `text`. A version such as `2.15.0` or a word
    /// that starts with digits (`1.5x`) is not a number of prose, except in math, where `0.5x` is
    /// a product.
    static func decimals(in text: String, isMath: Bool) -> [Decimal] {
        let characters = Array(text)
        var found: [Decimal] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit, index == 0 || !continuesWord(characters[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            guard end + 1 < characters.count, characters[end] == ".", characters[end + 1].isASCIIDigit else {
                index = end
                continue
            }
            let point = end
            end += 1
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            let literal = String(characters[index..<end])
            defer { index = end }
            if end + 1 < characters.count, characters[end] == ".", characters[end + 1].isASCIIDigit { 
                while end < characters.count, characters[end] == "." || characters[end].isASCIIDigit { end += 1 }
                continue
            }
            if !isMath, end < characters.count, characters[end].isLetter || characters[end] == "_" { continue }
            guard var value = Double(literal) else { continue }
            var halfUnit = 0.5 * pow(10, -Double(end - point - 1))
            if let scale = scale(after: end, in: characters, isMath: isMath) {
                value *= scale
                halfUnit *= scale
            }
            let digits = literal.filter(\.isASCIIDigit).drop { $0 == "0" }
            found.append(Decimal(literal: literal, value: value, halfUnit: halfUnit, significantDigits: digits.count))
        }
        return found
    }

    /// Every number in `text`, integers and exponents included: `3`, `-0.25`, `1e-8`.
    static func allNumbers(in text: String) -> [Double] {
        let characters = Array(text)
        var found: [Double] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit, index == 0 || !continuesWord(characters[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            if end + 1 < characters.count, characters[end] == ".", characters[end + 1].isASCIIDigit {
                end += 1
                while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            }
            if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                var exponent = end + 1
                if exponent < characters.count, characters[exponent] == "-" || characters[exponent] == "+" { exponent += 1 }
                if exponent < characters.count, characters[exponent].isASCIIDigit {
                    end = exponent
                    while end < characters.count, characters[end].isASCIIDigit { end += 1 }
                }
            }
            if let value = Double(String(characters[index..<end])) { found.append(value) }
            index = end
        }
        return found
    }

    /// A digit, letter, `_` or `.` before a digit makes it part of a name or a longer number.
    private static func continuesWord(_ character: Character) -> Bool {
        character.isLetter || character.isASCIIDigit || character == "_" || character == "."
    }

    /// The factor that follows a number at `start`: 0.01 for `%` (`\%` in math), 10^k for
    /// `\cdot 10^{k}`, `\times 10^k` or `× 10^k`.
    private static func scale(after start: Int, in characters: [Character], isMath: Bool) -> Double? {
        var index = start
        func skipSpaces() {
            while index < characters.count, characters[index] == " " || characters[index] == "\u{2009}"
                || characters[index] == "\u{A0}" || characters[index] == "\u{202F}" || (isMath && characters[index] == "~")
            {
                index += 1
            }
        }
        func consume(_ word: String) -> Bool {
            let word = Array(word)
            guard index + word.count <= characters.count, Array(characters[index..<index + word.count]) == word else { return false }
            index += word.count
            return true
        }
        skipSpaces()
        if consume("%") || (isMath && consume("\\%")) { return 0.01 }
        guard consume("\\cdot") || consume("\\times") || consume("×") || consume("·") else { return nil }
        skipSpaces()
        guard consume("10^") else { return nil }
        let braced = consume("{")
        var sign = 1.0
        if consume("-") || consume("−") { sign = -1 }
        var digits = ""
        while index < characters.count, characters[index].isASCIIDigit {
            digits.append(characters[index])
            index += 1
        }
        guard let exponent = Double(digits), !braced || consume("}") else { return nil }
        return pow(10, sign * exponent)
    }
}

extension Character {
    /// `0` to `9`: `isNumber` also admits other scripts' digits and fractions.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
