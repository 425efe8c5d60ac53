import Foundation

/// The page template and the static assets, read from the package's resources.
///
/// The template holds `{{name}}` slots; `fill` replaces each in one pass, so text that happens to
/// contain `{{…}}` inside a filled value is never touched.
struct PageTemplate: Sendable {
    let template: String

    /// The template from the resources.
    static func load() throws -> PageTemplate {
        PageTemplate(template: try Resources.text("page.html"))
    }

    /// The page with every `{{name}}` replaced by `values[name]`.
    func fill(_ values: [String: String]) throws -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw SiteBuildError(errors: [], advice: "the page template has a `{{` without `}}`")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else {
                throw SiteBuildError(errors: [], advice: "the page template names `{{\(name)}}`, which the site does not fill")
            }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}

/// The files in `Sources/WorkbookSite/Resources`.
enum Resources {
    /// The names of the files copied to the site's `assets/` folder.
    static let assets = ["style.css", "workbook.js", "latinmodern-math.otf", "latinmodern-math-LICENSE.txt"]

    /// The contents of resource `name`.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw SiteBuildError(errors: [], advice: "the resource \(name) is missing from the WorkbookSite bundle")
        }
        return try Data(contentsOf: url)
    }

    /// The contents of resource `name` as text.
    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }
}
