/// A Unicode mathematical alphabet: MathML Core styles letters by their code points, not by a
/// `mathvariant` attribute, so `\mathbf{x}` becomes 𝐱.
enum MathAlphabet: Equatable {
    case upright, italic, bold, boldItalic, doubleStruck, script, sansSerif, monospace

    /// `character` in this alphabet; characters it has no form for are unchanged.
    func map(_ character: Character) -> Character {
        if let position = Self.greekPositions[character] { return mapGreek(character, at: position) }
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.isASCII else {
            return character
        }
        let value = scalar.value
        let isUpper = (65...90).contains(value), isLower = (97...122).contains(value), isDigit = (48...57).contains(value)
        if let hole = holes[character] { return hole }
        let base: UInt32?
        switch self {
        case .upright, .italic: return character
        case .bold: base = isDigit ? 0x1D7CE : 0x1D400
        case .boldItalic: base = isDigit ? 0x1D7CE : 0x1D468
        case .doubleStruck: base = isDigit ? 0x1D7D8 : 0x1D538
        case .script: base = isDigit ? nil : 0x1D49C
        case .sansSerif: base = isDigit ? 0x1D7E2 : 0x1D5A0
        case .monospace: base = isDigit ? 0x1D7F6 : 0x1D670
        }
        guard let base else { return character }
        let offset: UInt32
        if isUpper { offset = value - 65 } else if isLower { offset = 26 + value - 97 } else if isDigit { offset = value - 48 } else { return character }
        return Character(Unicode.Scalar(base + offset) ?? scalar)
    }

    /// The Greek letters and symbols in the order of Unicode's bold and bold italic Greek
    /// (from U+1D6A8 and U+1D71C): the capitals with ϴ in the gap, ∇, the small letters, then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static let greek = Array("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ")
    private static let greekPositions = Dictionary(uniqueKeysWithValues: greek.enumerated().map { ($0.element, $0.offset) })

    /// A Greek letter as TeX's fonts draw it: `\boldsymbol` makes small letters bold italic and
    /// capitals (upright in TeX) bold; `\mathbf` makes only the capitals bold.
    private func mapGreek(_ character: Character, at position: Int) -> Character {
        let isCapital = position < 25, isCapitalOrNabla = position <= 25
        let base: UInt32
        switch self {
        case .bold where isCapital, .boldItalic where isCapitalOrNabla: base = 0x1D6A8
        case .boldItalic: base = 0x1D71C
        default: return character
        }
        return Unicode.Scalar(base + UInt32(position)).map(Character.init) ?? character
    }

    /// The letters that Unicode encoded before the math alphabets, outside their blocks.
    private var holes: [Character: Character] {
        switch self {
        case .doubleStruck: return ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        case .script:
            return ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"]
        default: return [:]
        }
    }
}
