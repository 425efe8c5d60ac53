/// Escaping for HTML text and attribute values, as cmark escapes them.
enum HTML {
    /// `text` with `&`, `<`, `>` and `"` escaped.
    /// The attributes of a box that scrolls sideways, with class `scroll-box`: it takes the keyboard's
    /// focus, so that it can be scrolled without a mouse, and `label` names it for screen readers.
    /// The site's script drops the focus stop where the box does not overflow.
    static func scrollBox(_ label: String) -> String {
        "tabindex=\"0\" role=\"group\" aria-label=\"\(escape(label))\""
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
