import Foundation
import WorkbookKit

/// A figure a snippet showed, embedded inline in the page after the snippet.
///
/// The SVG comes from the chapter's own program, but it still passes a check: it must be one
/// `<svg>` element with no script, event handler, `javascript:` URL or foreign content. An
/// explorable's every state's SVG passes the same check.
enum FigureEmbed {
    /// The `<figure>` for `figure`, or an error at `location` when its SVG is not safe to embed.
    /// `id` makes the ids of an explorable's controls unique on the page.
    static func html(_ figure: Figure, at location: SourceLocation, id: String = "explorable") throws -> String {
        if let explorable = figure.explorable {
            return try explorableHTML(explorable, at: location, id: id)
        }
        let svg = try checkedSVG(figure.svg, at: location)
        return "<figure class=\"figure\">\n\(svg)\n</figure>\n"
    }

    /// `svg` without surrounding whitespace, or an error at `location` when it is not one safe `<svg>` element.
    static func checkedSVG(_ svg: String, at location: SourceLocation, what: String = "a figure") throws -> String {
        let svg = svg.trimmingWhitespace
        let lower = svg.lowercased()
        guard lower.hasPrefix("<svg"), lower.hasSuffix("</svg>") else {
            throw WorkbookError("\(what) must be one <svg> element", at: location)
        }
        for banned in ["<script", "javascript:", "<foreignobject", "<iframe", "<!--"] where lower.contains(banned) {
            throw WorkbookError("\(what)'s SVG may not contain `\(banned)`", at: location)
        }
        if Self.hasEventHandler(lower) {
            throw WorkbookError("\(what)'s SVG may not contain event handlers (`on…=` attributes)", at: location)
        }
        return svg
    }

    /// An explorable: a caption, its controls (disabled until `workbook.js` enables them), the
    /// initial state's figure and readouts, and every state as JSON for the script to pick from.
    static func explorableHTML(_ explorable: ExplorableFigure, at location: SourceLocation, id: String) throws -> String {
        if let problem = explorable.structuralProblem {
            throw WorkbookError("the explorable \"\(explorable.title)\" is malformed: \(problem)", at: location)
        }
        var data = explorable
        data.svgs = try explorable.svgs.enumerated().map { index, svg in
            try checkedSVG(svg, at: location, what: "figure \(index + 1) of the explorable \"\(explorable.title)\"")
        }
        let initial = data.states[data.initialState]
        let e = HTML.escape
        var html = "<figure class=\"explorable\" id=\"\(id)\" aria-describedby=\"\(id)-description\">\n"
        html += "<figcaption>\(e(explorable.title))</figcaption>\n"
        html += "<p class=\"sr-only\" id=\"\(id)-description\">\(e(explorable.description))</p>\n"
        html += "<div class=\"explorable-controls\">\n"
        for (index, control) in data.controls.enumerated() {
            let controlID = "\(id)-control-\(index)"
            let current = e(control.texts[control.initial])
            html += "<div class=\"explorable-control explorable-\(control.kind)\" data-control=\"\(index)\">\n"
            switch control.kind {
            case "slider":
                html += "<label for=\"\(controlID)\">\(e(control.label))</label>\n"
                html += "<input type=\"range\" id=\"\(controlID)\" min=\"0\" max=\"\(control.texts.count - 1)\" step=\"1\" value=\"\(control.initial)\" aria-valuetext=\"\(current)\" disabled>\n"
                html += "<output for=\"\(controlID)\">\(current)</output>\n"
            case "choice":
                html += "<label for=\"\(controlID)\">\(e(control.label))</label>\n"
                html += "<select id=\"\(controlID)\" disabled>"
                for (position, option) in control.texts.enumerated() {
                    html += "<option value=\"\(position)\"\(position == control.initial ? " selected" : "")>\(e(option))</option>"
                }
                html += "</select>\n"
                html += "<output for=\"\(controlID)\">\(current)</output>\n"
            default:
                html += "<span class=\"explorable-label\" id=\"\(controlID)-label\">\(e(control.label))</span>\n"
                html += "<span class=\"explorable-buttons\" role=\"group\" aria-labelledby=\"\(controlID)-label\">"
                html += "<button type=\"button\" data-step=\"-1\" aria-controls=\"\(controlID)\" disabled>Previous</button>"
                html += "<output id=\"\(controlID)\" aria-live=\"polite\">\(current)</output>"
                html += "<button type=\"button\" data-step=\"1\" aria-controls=\"\(controlID)\" disabled>Next</button></span>\n"
            }
            html += "</div>\n"
        }
        html += "</div>\n"
        if initial.svg >= 0 {
            html += "<div class=\"explorable-figure\">\n\(data.svgs[initial.svg])\n</div>\n"
        }
        if !data.readouts.isEmpty {
            html += "<dl class=\"explorable-readouts\" aria-live=\"polite\">\n"
            for (label, text) in zip(data.readouts, initial.texts) {
                html += "<div><dt>\(e(label))</dt><dd><output>\(e(text))</output></dd></div>\n"
            }
            html += "</dl>\n"
        }
        html += "<script type=\"application/json\" class=\"explorable-data\">\(try scriptJSON(ExplorablePageData(data)))</script>\n"
        return html + "</figure>\n"
    }

    /// `explorable` as JSON with sorted keys, safe inside `<script type="application/json">`:
    /// every `<` is written `\u003c`, so no text in it can close the script or open a comment.
    static func scriptJSON(_ explorable: ExplorablePageData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(explorable), as: UTF8.self)
        return json.replacingOccurrences(of: "<", with: "\\u003c")
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
