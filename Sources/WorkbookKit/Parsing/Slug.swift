import Foundation

/// Slugs: lower-case letters and digits, words joined by `-`, in Unicode normalisation form C, so
/// that a name typed in another normalisation names the same file.
enum Slug {
    /// `Dot product, by hand` → `dot-product-by-hand`.
    static func make(_ title: String) -> String {
        var words: [String] = []
        var current = ""
        for character in title.precomposedStringWithCanonicalMapping.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: "-")
    }
}
