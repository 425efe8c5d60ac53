import Foundation

/// The Swift compiler the runner uses, and where the package it verifies against lives.
public struct Toolchain: Sendable {
    /// The `swiftc` executable.
    public var swiftc: URL
    /// `swiftc --version`'s first line, part of every cache key.
    public var version: String
    /// The package root: the folder that holds `Package.swift` and `Sources/Neural`.
    public var packageRoot: URL

    /// The toolchain found on this machine: `$WORKBOOK_SWIFTC` or `swiftc` on the `PATH`, and the
    /// package from `$WORKBOOK_PACKAGE_ROOT`, the working directory upwards, or the running
    /// executable's location upwards.
    public static func locate(packageRoot explicitRoot: URL? = nil) throws -> Toolchain {
        let environment = ProcessInfo.processInfo.environment
        let compiler = environment["WORKBOOK_SWIFTC"].map { URL(fileURLWithPath: $0) } ?? ProcessRunner.find("swiftc")
        guard let swiftc = compiler else {
            throw WorkbookError("cannot find `swiftc` on the PATH; install Swift 6 or set WORKBOOK_SWIFTC", at: nil)
        }
        let version = try compilerVersion(swiftc)

        let candidates = [
            explicitRoot,
            environment["WORKBOOK_PACKAGE_ROOT"].map { URL(fileURLWithPath: $0) },
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            Bundle.main.executableURL?.deletingLastPathComponent(),
        ]
        for case let start? in candidates {
            if let root = findPackageRoot(from: start) {
                return Toolchain(swiftc: swiftc, version: version, packageRoot: root)
            }
        }
        throw WorkbookError(
            "cannot find the workbook package (a folder with Package.swift and Sources/Neural); run from inside it or set WORKBOOK_PACKAGE_ROOT",
            at: nil)
    }

    /// `swiftc --version`'s first line, remembered per compiler file (path, size and modification
    /// time) in the temporary folder, since asking the compiler costs a noticeable part of a warm run.
    static func compilerVersion(_ swiftc: URL) throws -> String {
        let resolved = swiftc.resolvingSymlinksInPath()
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        var hash = ContentHash()
        hash.add(swiftc.path)
        hash.add(resolved.path)
        hash.add("\(size) \(modified)")
        let memo = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-swiftc-\(hash.hex)")
        if let remembered = try? String(contentsOf: memo, encoding: .utf8), !remembered.isEmpty {
            return remembered
        }
        let outcome = try ProcessRunner.run(swiftc, arguments: ["--version"], timeout: 60)
        guard outcome.succeeded, let first = outcome.standardOutput.split(separator: "\n").first else {
            throw WorkbookError("`\(swiftc.path) --version` failed: \(outcome.standardError)", at: nil)
        }
        let version = String(first)
        try? version.write(to: memo, atomically: true, encoding: .utf8)
        return version
    }

    /// The nearest folder at or above `start` that holds `Package.swift` and `Sources/Neural`.
    public static func findPackageRoot(from start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            let manager = FileManager.default
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                manager.fileExists(atPath: folder.appendingPathComponent("Sources/Neural").path)
            {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// A tool that ships with the compiler (`llvm-symbolizer`, `swift-symbolgraph-extract`): the one
    /// beside `swiftc`, else the one on the `PATH`, else nil.
    public func companion(_ name: String) -> URL? {
        let sibling = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling : ProcessRunner.find(name)
    }

    /// The folder for the runner's builds and results: `.build/workbook` in the package.
    public var workDirectory: URL {
        packageRoot.appendingPathComponent(".build/workbook")
    }
}
