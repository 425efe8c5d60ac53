import WorkbookKit

/// Checks and rewrites the links of a chapter: a link to another chapter's Markdown file
/// (`01-perceptron.md#weighted-sum`) becomes a link to its page, and a link to a chapter or an
/// anchor that does not exist is an error at the link's line.
struct LinkResolver {
    /// A page's file name on the site and the anchors it has.
    struct Target {
        var page: String
        var anchors: Set<String>
    }

    /// The chapters by the file name of their Markdown (`01-perceptron.md`).
    var chapters: [String: Target]
    /// The file name of the chapter whose links are resolved.
    var current: String

    /// The `href` for `url`, written at `location`.
    func resolve(_ url: String, at location: SourceLocation) throws -> String {
        if url.isEmpty || Self.hasScheme(url) || url.hasPrefix("//") { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let file: String
        if path.isEmpty {
            file = current
        } else {
            var components = path.split(separator: "/").map(String.init)
            if components.first == "." { components.removeFirst() }
            if components.count == 3, components[0] == "..", components[1] == "chapters" { components.removeFirst(2) }
            guard components.count == 1, components[0].hasSuffix(".md") else {
                throw WorkbookError(
                    "the link to `\(url)` leaves the book: link to a chapter by its file name (`01-perceptron.md#anchor`) or use a full URL",
                    at: location)
            }
            file = components[0]
        }
        guard let target = chapters[file] else {
            throw WorkbookError("the link to `\(url)` names a chapter that does not exist: there is no chapters/\(file)", at: location)
        }
        if let fragment, !fragment.isEmpty, !target.anchors.contains(fragment) {
            let nearest = target.anchors.sorted().first { $0.hasPrefix(String(fragment.prefix(4))) }
            throw WorkbookError(
                "the link to `\(url)` names an anchor that chapters/\(file) does not have"
                    + (nearest.map { " (did you mean `#\($0)`?)" } ?? ""),
                at: location)
        }
        let page = path.isEmpty ? "" : target.page
        return page + (fragment.map { "#\($0)" } ?? "")
    }

    /// Whether `url` starts with a scheme such as `https:` or `mailto:`.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), colon != url.startIndex else { return false }
        let scheme = url[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }
}
