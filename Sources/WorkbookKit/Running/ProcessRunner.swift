import Foundation

/// Runs a program to completion or until a time limit, with its output sent to files or captured.
struct ProcessRunner {
    /// How a process ended.
    struct Outcome {
        /// The exit status, or the signal number when `signaled`.
        var status: Int32
        /// Whether a signal ended the process.
        var signaled: Bool
        /// Whether the time limit ended it.
        var timedOut: Bool
        /// Standard output, when it was captured rather than sent to a file.
        var standardOutput: String
        /// Standard error, when it was captured rather than sent to a file.
        var standardError: String

        var succeeded: Bool { !signaled && !timedOut && status == 0 }
    }

    /// Runs `executable` with `arguments`; standard output goes to `outputFile` if given (else it is
    /// captured), standard error is captured. After `timeout` seconds the process is killed.
    static func run(
        _ executable: URL, arguments: [String], environment: [String: String]? = nil,
        currentDirectory: URL? = nil, outputFile: URL? = nil, timeout: Double
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let capturedOutput = outputFile ?? scratch.appendingPathComponent("stdout")
        let capturedError = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: capturedOutput.path, contents: nil)
        _ = FileManager.default.createFile(atPath: capturedError.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: capturedOutput)
        let errorHandle = try FileHandle(forWritingTo: capturedError)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Outcome(
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            standardOutput: outputFile == nil ? read(capturedOutput) : "",
            standardError: read(capturedError))
    }

    /// The first executable called `name` on the `PATH`.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
