import WorkbookKit

/// An `output` block as the reader sees it: what the snippet printed in the verification run, and
/// whether it matched the text.
struct OutputPanel {
    var block: OutputBlock
    var result: CheckResult?

    func html() -> String {
        let status = result?.status ?? .failed
        let printed = result?.computed
        var html = "<div class=\"output \(status.rawValue)\">\n"
        if status == .passed {
            html += "<div class=\"output-head\"><span>Output</span><span class=\"mark\">✓ printed when this page was built, as the text says</span></div>\n"
            html += "<pre class=\"scroll-box\" \(HTML.scrollBox("Printed output"))><samp>\(HTML.escape(Self.withoutFinalNewline(printed ?? block.expectedText)))</samp></pre>\n"
        } else {
            html += "<div class=\"output-head\"><span>Output</span><span class=\"mark\">✗ does not match the text</span></div>\n"
            html += "<div class=\"output-label\">Expected</div><pre class=\"scroll-box\" \(HTML.scrollBox("Expected output"))>\(HTML.escape(Self.withoutFinalNewline(block.expectedText)))</pre>\n"
            html += "<div class=\"output-label\">Printed</div><pre class=\"scroll-box\" \(HTML.scrollBox("Printed output"))><samp>\(printed.map { HTML.escape(Self.withoutFinalNewline($0)) } ?? "(nothing: the snippet did not run)")</samp></pre>\n"
            if let detail = result?.detail { html += "<p class=\"failure-detail\">\(HTML.escape(detail))</p>\n" }
        }
        return html + "</div>\n"
    }

    static func withoutFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
