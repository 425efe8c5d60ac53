import Foundation

/// Compiles a chapter's program against the built libraries and runs it in a process of its own,
/// with a time limit.
public struct ChapterRunner: Sendable {
    /// The toolchain.
    public var toolchain: Toolchain
    /// The folder of built libraries, from `LibraryBuilder.build()`.
    public var libraries: URL
    /// Flags that let a chapter import the libraries' C dependencies.
    private let systemLibraryFlags: [String]

    /// A runner that links against `libraries`.
    public init(toolchain: Toolchain, libraries: URL) {
        self.init(builder: LibraryBuilder(toolchain: toolchain), libraries: libraries)
    }

    /// A runner for the libraries `builder` built into `libraries`. Sweeps the run folders that
    /// crashed or killed earlier runs left behind.
    init(builder: LibraryBuilder, libraries: URL) {
        toolchain = builder.toolchain
        self.libraries = libraries
        systemLibraryFlags = builder.systemLibraryFlags
        ScratchFolders.sweep(in: toolchain.workDirectory.appendingPathComponent("runs"), prefix: "run")
        ScratchFolders.sweep(in: FileManager.default.temporaryDirectory, prefix: "workbook-run")
    }

    /// Where each run compiles and runs its program, in a folder of its own.
    private var runsFolder: URL { toolchain.workDirectory.appendingPathComponent("runs") }

    /// A runner for the package found from the working directory (or at `packageRoot`), with its
    /// libraries built.
    public static func prepare(packageRoot: URL? = nil) throws -> ChapterRunner {
        let toolchain = try Toolchain.locate(packageRoot: packageRoot)
        let builder = LibraryBuilder(toolchain: toolchain)
        return ChapterRunner(builder: builder, libraries: try builder.build())
    }

    /// The result of compiling and running one chapter.
    public enum Result: Sendable {
        /// The program did not compile; the compiler's errors, mapped to the chapter's lines.
        case compileFailed([WorkbookError])
        /// The program ran (possibly crashing or timing out).
        case ran(ChapterRun)
    }

    /// Compiles and runs `program`, killing it after `timeout` seconds.
    public func run(_ program: ChapterProgram, timeout: Double) throws -> Result {
        let manager = FileManager.default
        let folder = try ScratchFolders.make(in: runsFolder, prefix: "run")
        defer { ScratchFolders.remove(folder) }

        let source = folder.appendingPathComponent("main.swift")
        try program.source.write(to: source, atomically: true, encoding: .utf8)
        let orderSource = folder.appendingPathComponent("declaration-order.swift")
        try program.declarationOrderSource.write(to: orderSource, atomically: true, encoding: .utf8)
        let executable = folder.appendingPathComponent("chapter")
        let common = ["-swift-version", "5", "-diagnostic-style", "llvm", "-I", libraries.path] + systemLibraryFlags

        // The order check only type-checks, so it runs beside the compilation.
        let orderCheck = Background {
            try ProcessRunner.run(
                toolchain.swiftc, arguments: ["-typecheck", "-module-name", "ChapterOrder"] + common + [orderSource.path], timeout: 600)
        }
        let compile = try ProcessRunner.run(
            toolchain.swiftc,
            arguments: common + [
                "-Onone", "-gline-tables-only", "-L", libraries.path, "-Xlinker", "-rpath", "-Xlinker", libraries.path,
                "-module-name", "Chapter", source.path, "-o", executable.path,
            ],
            timeout: 600)
        let orderErrors = Self.declarationOrderErrors(in: try orderCheck.value().standardError, program: program)
        guard orderErrors.isEmpty else { return .compileFailed(orderErrors) }
        guard compile.succeeded else {
            var errors = Self.diagnostics(in: compile.standardError, program: program)
            if compile.standardError.contains("/workbook/libraries/") {
                // Damaged after they were checked: drop the manifest so the next run rebuilds them.
                try? manager.removeItem(at: libraries.appendingPathComponent(LibraryBuilder.manifestName))
            }
            if errors.isEmpty {
                let detail = compile.timedOut ? "the compiler ran out of time" : compile.standardError
                errors = [WorkbookError("the chapter does not compile: \(detail)", at: program.chapter.location(line: 1))]
            }
            return .compileFailed(errors)
        }

        let results = folder.appendingPathComponent("results.jsonl")
        let output = folder.appendingPathComponent("stdout")
        var environment = ProcessInfo.processInfo.environment
        environment["WORKBOOK_RESULTS"] = results.path
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let outcome = try ProcessRunner.run(
            executable, arguments: [], environment: environment, outputFile: output, timeout: timeout)

        var run = ChapterRun()
        if outcome.timedOut {
            run.ending = .timedOut(timeout)
        } else if outcome.outputCut {
            run.ending = .outputCut(ProcessRunner.defaultOutputLimit)
        } else if outcome.signaled {
            run.ending = .crashed(signal: outcome.status)
        } else if outcome.status != 0 {
            run.ending = .exited(outcome.status)
        }
        run.standardError = outcome.standardError
        if outcome.signaled || outcome.status != 0 {
            run.crashLocation = CrashLocator(toolchain: toolchain).location(
                standardError: outcome.standardError, executable: executable, files: program.sourceFiles)
        }
        let records = (try? String(contentsOf: results, encoding: .utf8)) ?? ""
        let printed = (try? FileHandle(forReadingFrom: output)).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: ProcessRunner.defaultOutputLimit)
        }
        run.read(records: records, standardOutput: printed ?? Data(), key: program.key)
        return .ran(run)
    }

    /// The uses of a name before the snippet that declares it, from the type check of
    /// `program.declarationOrderSource`; its other messages are ignored (the real program's
    /// compilation reports those).
    static func declarationOrderErrors(in compilerOutput: String, program: ChapterProgram) -> [WorkbookError] {
        let checksByLine = Dictionary(program.chapter.checks.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [WorkbookError] = []
        for line in compilerOutput.split(separator: "\n") {
            guard let marker = line.range(of: ": error: use of local variable '"),
                let nameEnd = line[marker.upperBound...].firstIndex(of: "'"),
                line[nameEnd...].hasPrefix("' before its declaration")
            else { continue }
            let name = line[marker.upperBound..<nameEnd]
            let position = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard position.count >= 3, let lineNumber = Int(position[position.count - 2]), var column = Int(position[position.count - 1]) else { continue }
            let file = position.dropLast(2).joined(separator: ":")
            if file == program.chapter.path, let check = checksByLine[lineNumber] {
                column = check.expressionColumn + max(0, column - ChapterProgram.orderCheckPrefix.count - 1)
            }
            errors.append(WorkbookError(
                "`\(name)` is used before the snippet that declares it; a check or a snippet can only use what the chapter declares above it",
                at: SourceLocation(file: file, line: lineNumber, column: column)))
        }
        return errors
    }

    /// The compiler's error lines, with columns on check lines moved back to the chapter's columns
    /// and the message for an uncheckable type made plain.
    static func diagnostics(in compilerOutput: String, program: ChapterProgram) -> [WorkbookError] {
        let checksByLine = Dictionary(program.chapter.checks.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [WorkbookError] = []
        for line in compilerOutput.split(separator: "\n") {
            guard let range = line.range(of: ": error: ") else { continue }
            let position = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            var message = String(line[range.upperBound...])
            if line.contains("/workbook/libraries/") {
                errors.append(WorkbookError(
                    "the compiled libraries are damaged, not the chapter (the next run rebuilds them): \(message)", at: nil))
                continue
            }
            guard position.count >= 3, let lineNumber = Int(position[position.count - 2]),
                let column = Int(position[position.count - 1])
            else {
                errors.append(WorkbookError(message, at: nil))
                continue
            }
            let file = position.dropLast(2).joined(separator: ":")
            var location = SourceLocation(file: file, line: lineNumber, column: column)
            if file == program.chapter.path, let check = checksByLine[lineNumber] {
                let prefixLength = ChapterProgram.checkPrefix(check.index, key: program.key).count
                location.column = check.expressionColumn + max(0, column - prefixLength - 1)
                // With the `Double` overload of `Session.check` in play, the compiler may name the
                // closure's result type instead of the missing conformance.
                var type: String?
                if message.contains("conform to 'WorkbookCheckable'") {
                    type = message.components(separatedBy: "requires that '").dropFirst().first?.components(separatedBy: "'").first
                } else if message.hasPrefix("cannot convert value of type '"), message.hasSuffix("' to closure result type 'Double'") {
                    type = String(message.dropFirst("cannot convert value of type '".count).dropLast("' to closure result type 'Double'".count))
                }
                if let type {
                    message = "a check cannot compare a value of type '\(type)': checks take numbers, Bool, String, optionals and arrays of them, Matrix and Tensor"
                }
            }
            errors.append(WorkbookError(message, at: location))
        }
        return errors
    }
}
