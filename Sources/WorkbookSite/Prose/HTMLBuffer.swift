/// HTML being written, with cmark's rule for line breaks between blocks.
struct HTMLBuffer {
    private(set) var text = ""

    /// Appends `html`.
    mutating func append(_ html: String) {
        text += html
    }

    /// Starts a new line unless the text is empty or already ends with one (cmark's `cr`).
    mutating func newline() {
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
    }
}
