import Foundation
import SymbolKit
import WorkbookKit

/// The libraries' public symbols, read from the compiler's symbol graphs, for the site's API
/// reference pages and for linking the names in snippets to their entries.
///
/// `swift-symbolgraph-extract` (shipped with the toolchain) reads each module the chapters import
/// from the folder `LibraryBuilder` compiled it into, and writes `M.symbols.json`; SymbolKit
/// decodes it. Only what the graph holds is used (names, declarations, doc comments, which type a
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
    public static func forPackage() throws -> APIReference {
        let toolchain = try Toolchain.locate()
        let builder = LibraryBuilder(toolchain: toolchain)
        // The C modules' include paths (`-I`, `-Xcc -I…`), without the linker's flags.
        var flags: [String] = []
        var words = builder.systemLibraryFlags[...]
        while let word = words.popFirst() {
            if word == "-I" || word == "-Xcc", let value = words.popFirst() { flags += [word, value] }
        }
        return try extract(libraries: try builder.build(), swiftc: toolchain.swiftc, flags: flags)
    }

    /// The modules the chapters import, in the order the reference lists them.
    public static let moduleNames = ["Neural", "Charts", "NeuralTraining", "WorkbookRuntime"]

    /// Extracts the symbol graphs of `moduleNames` from the compiled `libraries` folder.
    ///
    /// - Throws: `WorkbookError` when the extractor is missing or fails, or a graph does not decode.
    public static func extract(libraries: URL, swiftc: URL, flags: [String] = []) throws -> APIReference {
        let extractor = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("swift-symbolgraph-extract")
        guard FileManager.default.isExecutableFile(atPath: extractor.path) else {
            throw WorkbookError("the API reference needs swift-symbolgraph-extract beside \(swiftc.path), and it is not there", at: nil)
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-symbols-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        var modules: [Module] = []
        for name in moduleNames {
            let process = Process()
            process.executableURL = extractor
            process.arguments = [
                "-module-name", name, "-I", libraries.path, "-target", hostTarget, "-output-dir", output.path,
                "-minimum-access-level", "public", "-skip-synthesized-members",
            ] + flags
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw WorkbookError("swift-symbolgraph-extract failed for \(name): \(String(decoding: message, as: UTF8.self))", at: nil)
            }
            let data = try Data(contentsOf: output.appendingPathComponent("\(name).symbols.json"))
            let graph: SymbolGraph
            do {
                graph = try JSONDecoder().decode(SymbolGraph.self, from: data)
            } catch {
                throw WorkbookError("the symbol graph of \(name) does not decode: \(error)", at: nil)
            }
            modules.append(Module(name: name, symbols: symbols(of: graph)))
        }
        return APIReference(modules: modules)
    }

    /// The target triple of this machine, as the extractor wants it.
    static var hostTarget: String {
        #if arch(x86_64)
        return "x86_64-unknown-linux-gnu"
        #else
        return "aarch64-unknown-linux-gnu"
        #endif
    }

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
