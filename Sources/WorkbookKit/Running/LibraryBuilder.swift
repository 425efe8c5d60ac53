import Foundation

/// Compiles the libraries that chapter programs link (`Neural` beside `Charts`, then
/// `NeuralTraining` beside `WorkbookRuntime`) once, into a folder named by a hash of their sources,
/// the compiler's version and the flags.
///
/// A second run with nothing changed finds the folder and compiles nothing; two runs at once each
/// build in a private folder and the first to finish publishes it.
public struct LibraryBuilder: Sendable {
    /// One library module compiled from a folder of `Sources`.
    struct Module {
        var name: String
        var flags: [String]
    }

    /// The words `pkg-config` prints for `arguments`, or none when it is missing or fails.
    static func pkgConfig(_ arguments: [String]) -> [String] {
        guard let tool = ProcessRunner.find("pkg-config"),
            let outcome = try? ProcessRunner.run(tool, arguments: arguments, timeout: 30), outcome.succeeded
        else { return [] }
        return outcome.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The toolchain and package.
    public var toolchain: Toolchain
    /// The flags that find the C libraries NeuralTraining imports (OpenBLAS and zlib through their
    /// module maps in `Sources`, OpenBLAS's headers from `pkg-config`), for compiling it and every
    /// program that imports it.
    public let systemLibraryFlags: [String]
    /// The modules in stages: the modules of a stage compile at the same time, and each may import
    /// those of earlier stages (`Charts` imports nothing, so it compiles beside `Neural`).
    let stages: [[Module]]

    /// The modules, in the order of their stages.
    var modules: [Module] { stages.flatMap { $0 } }

    /// A builder for `toolchain`'s package; asks `pkg-config` once, here.
    public init(toolchain: Toolchain) {
        self.toolchain = toolchain
        let sources = toolchain.packageRoot.appendingPathComponent("Sources")
        var flags = ["-I", sources.appendingPathComponent("COpenBLAS").path, "-I", sources.appendingPathComponent("CZlib").path]
        for word in Self.pkgConfig(["--cflags-only-I", "--libs-only-L", "openblas"]) {
            if word.hasPrefix("-I") {
                flags += ["-Xcc", word]
            } else if word.hasPrefix("-L") {
                flags += [word, "-Xlinker", "-rpath", "-Xlinker", String(word.dropFirst(2))]
            }
        }
        systemLibraryFlags = flags
        // -num-threads lets a whole-module build generate code on every core. -assert-config Debug
        // keeps the messages of failed preconditions, which -O alone drops: a reader then sees
        // "Tensor.matmul: shapes [2, 2] and [1, 3] do not chain" instead of a bare trap.
        let optimized = [
            "-O", "-assert-config", "Debug", "-swift-version", "6",
            "-num-threads", "\(max(1, ProcessInfo.processInfo.activeProcessorCount))",
        ]
        stages = [
            [Module(name: "Neural", flags: optimized), Module(name: "Charts", flags: optimized)],
            [Module(name: "NeuralTraining", flags: optimized + flags), Module(name: "WorkbookRuntime", flags: optimized)],
        ]
    }

    /// The folder that holds the built libraries and their modules, building them if needed.
    ///
    /// - Throws: `WorkbookError` with the compiler's messages when a library does not compile.
    public func build() throws -> URL {
        try build(key: try cacheKey())
    }

    /// `build()` when the caller already has `cacheKey()`, which reads every source file.
    ///
    /// A folder is used only when its `complete` manifest lists every artifact with the hash of its
    /// bytes and they still match; a damaged folder (a truncated module, a missing manifest, a
    /// half-copied build) is replaced by a fresh build.
    func build(key: String) throws -> URL {
        let librariesRoot = toolchain.workDirectory.appendingPathComponent("libraries")
        let destination = librariesRoot.appendingPathComponent(key)
        if Self.isIntact(destination) { return destination }
        ScratchFolders.sweep(in: librariesRoot, prefix: "staging")
        let staging = try ScratchFolders.make(in: librariesRoot, prefix: "staging")
        defer { ScratchFolders.remove(staging) }
        for stage in stages {
            let failures = LockedArray<Error>(count: stage.count)
            DispatchQueue.concurrentPerform(iterations: stage.count) { index in
                do { try compile(stage[index], into: staging) } catch { failures[index] = error }
            }
            if let failure = (0..<stage.count).lazy.compactMap({ failures[$0] }).first { throw failure }
        }
        try Self.manifest(of: staging).write(to: staging.appendingPathComponent(Self.manifestName), atomically: true, encoding: .utf8)
        try publish(staging, at: destination)
        return destination
    }

    /// The file in a libraries folder that lists its artifacts and their hashes.
    static let manifestName = "complete"

    /// One line per artifact of `folder` (except the manifest), sorted: `NAME SIZE HASH`.
    static func manifest(of folder: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != manifestName }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            var hash = ContentHash()
            hash.add(data)
            return "\(name) \(data.count) \(hash.hex)"
        }.joined(separator: "\n") + "\n"
    }

    /// Whether `folder` holds a manifest that matches its artifacts byte for byte.
    static func isIntact(_ folder: URL) -> Bool {
        guard let recorded = try? String(contentsOf: folder.appendingPathComponent(manifestName), encoding: .utf8),
            !recorded.isEmpty, let actual = try? manifest(of: folder)
        else { return false }
        return recorded == actual
    }

    /// Moves the finished `staging` folder to `destination`, replacing a damaged folder there; when
    /// another run published an intact folder first, keeps theirs (it is identical).
    private func publish(_ staging: URL, at destination: URL) throws {
        let manager = FileManager.default
        for _ in 0..<3 {
            if Self.isIntact(destination) { return }
            if manager.fileExists(atPath: destination.path) {
                let damaged = destination.deletingLastPathComponent().appendingPathComponent("damaged-\(getpid())-\(UUID().uuidString)")
                try? manager.moveItem(at: destination, to: damaged)
                try? manager.removeItem(at: damaged)
            }
            do {
                try manager.moveItem(at: staging, to: destination)
                return
            } catch where manager.fileExists(atPath: destination.path) {
                continue  // another run got there between the check and the move
            }
        }
        guard Self.isIntact(destination) else {
            throw WorkbookError("cannot publish the built libraries at \(destination.path)", at: nil)
        }
    }

    private func compile(_ module: Module, into folder: URL) throws {
        let sources = try sourceFiles(of: module)
        let arguments =
            [
                "-emit-library", "-emit-module", "-parse-as-library", "-wmo",
                "-module-name", module.name, "-module-link-name", module.name,
                "-I", folder.path, "-L", folder.path,
                "-o", folder.appendingPathComponent("lib\(module.name).so").path,
                "-emit-module-path", folder.appendingPathComponent("\(module.name).swiftmodule").path,
                "-Xlinker", "-rpath", "-Xlinker", folder.path,
            ] + module.flags + sources.map(\.path)
        let outcome = try ProcessRunner.run(toolchain.swiftc, arguments: arguments, timeout: 900)
        guard outcome.succeeded else {
            throw WorkbookError(
                "the \(module.name) library does not compile:\n\(outcome.standardError)",
                at: SourceLocation(file: "Sources/\(module.name)", line: 1))
        }
    }

    private func sourceFiles(of module: Module) throws -> [URL] {
        let folder = toolchain.packageRoot.appendingPathComponent("Sources/\(module.name)")
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            throw WorkbookError("cannot read the folder Sources/\(module.name)", at: nil)
        }
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
            .sorted { $0.path < $1.path }
    }

    /// A hash of the compiler's version, every module's flags, and every source file's path and text.
    func cacheKey() throws -> String {
        var hash = ContentHash()
        hash.add(toolchain.version)
        for module in modules {
            hash.add(module.name)
            module.flags.forEach { hash.add($0) }
            for file in try sourceFiles(of: module) {
                hash.add(String(file.path.dropFirst(toolchain.packageRoot.path.count)))
                hash.add(try Data(contentsOf: file))
            }
        }
        return hash.hex
    }
}
