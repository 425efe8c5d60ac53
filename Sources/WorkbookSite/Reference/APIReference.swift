import Foundation
import SymbolKit
import WorkbookKit

/// The libraries' public symbols, read from the compiler's symbol graphs, for the site's API
/// reference pages and for linking the names in snippets to their entries.
///
/// `LibraryBuilder.symbolGraphs(of:)` runs `swift-symbolgraph-extract` (shipped with the
/// toolchain) on each module the chapters import, from the folder it compiled them into; SymbolKit
/// decodes the graphs here. Only what the graph holds is used (names, declarations, doc comments, which type a
/// member belongs to); source paths are cut to `Sources/…` so the pages do not depend on where the
/// package is checked out.
public struct APIReference: Sendable {
    /// One library's symbols.
    public struct Module: Sendable {
        /// The module's name, `Neural`.
        public var name: String
        /// Every public symbol, sorted by its path (`Tensor.matmul(_:)`).
        public var symbols: [Symbol]
    }

    /// A symbol as the pages show it.
    public struct Symbol: Sendable {
        /// The path from the module: `["Tensor", "matmul(_:)"]`.
        public var path: [String]
        /// The kind's display name: `Structure`, `Instance Method`.
        public var kind: String
        /// Whether the symbol is a type (its members are listed under it).
        public var isType: Bool
        /// The declaration, as Swift source.
        public var declaration: String
        /// The doc comment, as Markdown.
        public var documentation: String
        /// Where it is declared, from `Sources/`.
        public var file: String?
    }

    /// The modules, in the order given.
    public var modules: [Module]

    /// No modules: a site without an API reference.
    public static let empty = APIReference(modules: [])

    /// A reference from decoded symbol graphs, one per module.
    public init(modules: [Module]) {
        self.modules = modules
    }

    /// The reference of the package found from the working directory, from its libraries as
    /// `LibraryBuilder` compiles them (a build that `verify` has done is reused).
    ///
    /// - Throws: `WorkbookError` when the graphs cannot be extracted or do not decode.
    public static func forPackage() throws -> APIReference {
        let graphs = try LibraryBuilder(toolchain: try Toolchain.locate()).symbolGraphs(of: moduleNames)
        return APIReference(modules: try moduleNames.map { name in
            do {
                return Module(name: name, symbols: symbols(of: try JSONDecoder().decode(SymbolGraph.self, from: graphs[name] ?? Data())))
            } catch {
                throw WorkbookError("the symbol graph of \(name) does not decode: \(error)", at: nil)
            }
        })
    }

    /// The modules the chapters import, in the order the reference lists them.
    public static let moduleNames = ["Neural", "Charts", "NeuralTraining", "WorkbookRuntime"]

    /// The graph's public symbols as the pages show them, sorted by path.
    static func symbols(of graph: SymbolGraph) -> [Symbol] {
        graph.symbols.values.compactMap { symbol -> Symbol? in
            guard symbol.accessLevel.rawValue == "public" || symbol.accessLevel.rawValue == "open" else { return nil }
            let fragments = symbol[mixin: SymbolGraph.Symbol.DeclarationFragments.self]?.declarationFragments ?? []
            let declaration = fragments.isEmpty ? symbol.names.title : fragments.map { $0.spelling }.joined()
            let documentation = symbol.docComment?.lines.map(\.text).joined(separator: "\n") ?? ""
            let file = symbol.docComment?.url?.path.components(separatedBy: "/Sources/").last.map { "Sources/" + $0 }
            let typeKinds: Set<String> = ["swift.struct", "swift.class", "swift.enum", "swift.protocol", "swift.actor"]
            return Symbol(
                path: symbol.pathComponents, kind: symbol.kind.displayName, isType: typeKinds.contains(symbol.kind.identifier.identifier),
                declaration: declaration, documentation: documentation, file: file)
        }
        .sorted { a, b in a.path.lexicographicallyPrecedes(b.path) || (a.path == b.path && a.declaration < b.declaration) }
    }

    /// The page of a module: `api-neural.html`.
    public static func page(of module: String) -> String {
        "api-\(module.lowercased()).html"
    }

    /// A symbol's anchor on its page: its path, with characters other than letters, digits, `.`,
    /// `_` and `-` replaced by `-`, and a number when two overloads share it.
    static func anchor(_ path: [String]) -> String {
        String(path.joined(separator: ".").map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "-" })
    }

    /// Where each top-level type and function is documented, by the name a snippet writes
    /// (`Tensor`, `weightedSum`): for linking names in highlighted code.
    public var links: [String: String] {
        var links: [String: String] = [:]
        for module in modules {
            for symbol in module.symbols where symbol.path.count == 1 {
                let name = String(symbol.path[0].prefix { $0 != "(" })
                if links[name] == nil { links[name] = "\(Self.page(of: module.name))#\(Self.anchor(symbol.path))" }
            }
        }
        return links
    }
}
