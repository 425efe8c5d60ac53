import WorkbookKit

/// A figure a snippet showed, embedded inline in the page after the snippet.
///
/// The SVG comes from the chapter's own program, but it still passes a check: it must be one
/// `<svg>` element with no script, event handler, `javascript:` URL or foreign content.
enum FigureEmbed {
    /// The `<figure>` for `figure`, or an error at `location` when its SVG is not safe to embed.
    static func html(_ figure: Figure, at location: SourceLocation) throws -> String {
        let svg = figure.svg.trimmingWhitespace
        let lower = svg.lowercased()
        guard lower.hasPrefix("<svg"), lower.hasSuffix("</svg>") else {
            throw WorkbookError("a figure must be one <svg> element", at: location)
        }
        for banned in ["<script", "javascript:", "<foreignobject", "<iframe", "<!--"] where lower.contains(banned) {
            throw WorkbookError("a figure's SVG may not contain `\(banned)`", at: location)
        }
        if Self.hasEventHandler(lower) {
            throw WorkbookError("a figure's SVG may not contain event handlers (`on…=` attributes)", at: location)
        }
        return "<figure class=\"figure\">\n\(svg)\n</figure>\n"
    }

    /// Whether an attribute named `on…` appears in the tags.
    static func hasEventHandler(_ svg: String) -> Bool {
        let characters = Array(svg)
        var inTag = false, quote: Character?
        for index in characters.indices {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "<" { inTag = true } else if character == ">" { inTag = false }
            guard inTag else { continue }
            if character == "\"" || character == "'" {
                quote = character
            } else if character.isWhitespace, index + 3 < characters.count, characters[index + 1] == "o", characters[index + 2] == "n",
                characters[index + 3].isLetter
            {
                var end = index + 3
                while end < characters.count, characters[end].isLetter { end += 1 }
                if end < characters.count, characters[end] == "=" || characters[end].isWhitespace { return true }
            }
        }
        return false
    }
}
