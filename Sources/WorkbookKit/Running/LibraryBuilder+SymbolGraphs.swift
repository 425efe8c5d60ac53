import Foundation

extension LibraryBuilder {
    /// The symbol graph (`M.symbols.json`, as `swift-symbolgraph-extract` writes it) of each of
    /// `modules`, read from the libraries as `build()` compiled them: public symbols only, no
    /// synthesized members. The site's API reference decodes them.
    ///
    /// - Throws: `WorkbookError` when the toolchain has no extractor, or it fails or runs out of time.
    public func symbolGraphs(of modules: [String]) throws -> [String: Data] {
        let libraries = try build()
        guard let extractor = toolchain.companion("swift-symbolgraph-extract") else {
            throw WorkbookError("the API reference needs swift-symbolgraph-extract, which ships with the toolchain beside \(toolchain.swiftc.path)", at: nil)
        }
        // The C modules' include paths (`-I`, `-Xcc -I…`), not the linker's flags.
        var includes: [String] = []
        var words = systemLibraryFlags[...]
        while let word = words.popFirst() {
            if word == "-I" || word == "-Xcc", let value = words.popFirst() { includes += [word, value] }
        }
        let symbols = toolchain.workDirectory.appendingPathComponent("symbols")
        ScratchFolders.sweep(in: symbols, prefix: "graphs")
        let output = try ScratchFolders.make(in: symbols, prefix: "graphs")
        defer { ScratchFolders.remove(output) }
        var graphs: [String: Data] = [:]
        for module in modules {
            let outcome = try ProcessRunner.run(
                extractor,
                arguments: [
                    "-module-name", module, "-I", libraries.path, "-target", Self.hostTarget, "-output-dir", output.path,
                    "-minimum-access-level", "public", "-skip-synthesized-members",
                ] + includes,
                timeout: 120)
            guard outcome.succeeded, let data = try? Data(contentsOf: output.appendingPathComponent("\(module).symbols.json")) else {
                let why = outcome.timedOut ? "it ran out of time" : outcome.standardError
                throw WorkbookError("swift-symbolgraph-extract failed for \(module): \(why)", at: nil)
            }
            graphs[module] = data
        }
        return graphs
    }

    /// This machine's target triple, as the extractor wants it.
    static var hostTarget: String {
        #if arch(x86_64)
        return "x86_64-unknown-linux-gnu"
        #else
        return "aarch64-unknown-linux-gnu"
        #endif
    }
}
