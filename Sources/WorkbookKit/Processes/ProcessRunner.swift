import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion or until a time limit, with its output sent to files or captured.
///
/// Each program starts a session of its own (`setsid` through `posix_spawn`), so that it and
/// everything it starts (a compiler's frontends, a `Process` a snippet launches, which Foundation
/// puts in a process group of its own but leaves in the session) can be killed together. When the
/// program ends, times out, prints more than `outputLimit`, or `workbook` is interrupted
/// (`TerminationSignals`), every process left in its session is killed.
struct ProcessRunner {
    /// How a process ended.
    struct Outcome {
        /// The exit status, or the signal number when `signaled`.
        var status: Int32
        /// Whether a signal ended the process.
        var signaled: Bool
        /// Whether the time limit ended it.
        var timedOut: Bool
        /// Whether it was stopped for printing more than the output limit.
        var outputCut: Bool = false
        /// Standard output, when it was captured rather than sent to a file (at most the limit).
        var standardOutput: String
        /// Standard error (at most the limit).
        var standardError: String

        var succeeded: Bool { !signaled && !timedOut && !outputCut && status == 0 }
    }

    /// What a run may print on each of standard output and standard error before it is stopped:
    /// 1 MB, kept and shown.
    static let defaultOutputLimit = 1 << 20

    /// glibc's `POSIX_SPAWN_SETSID` (`spawn.h`, declared only under `_GNU_SOURCE`, which Swift's
    /// Glibc module does not define).
    private static let spawnSetSession: Int32 = 0x80

    /// Runs `executable` with `arguments`; standard output goes to `outputFile` if given (else it is
    /// captured), standard error is captured. After `timeout` seconds, or once either stream holds
    /// more than `outputLimit` bytes, the process and its session are killed.
    ///
    /// - Precondition: `timeout` is finite and positive.
    static func run(
        _ executable: URL, arguments: [String], environment: [String: String]? = nil,
        outputFile: URL? = nil, timeout: Double, outputLimit: Int = defaultOutputLimit
    ) throws -> Outcome {
        precondition(timeout.isFinite && timeout > 0, "ProcessRunner: the time limit must be finite and positive, got \(timeout)")
        let scratch = try ScratchFolders.make(in: FileManager.default.temporaryDirectory, prefix: "workbook-run")
        defer { ScratchFolders.remove(scratch) }
        let capturedOutput = outputFile ?? scratch.appendingPathComponent("stdout")
        let capturedError = scratch.appendingPathComponent("stderr")

        let pid = try spawn(
            executable, arguments: arguments, environment: environment ?? ProcessInfo.processInfo.environment,
            standardOutput: capturedOutput.path, standardError: capturedError.path)
        let accepted = ChildSessions.shared.insert(pid)
        defer {
            ChildSessions.kill(session: pid)
            ChildSessions.shared.remove(pid)
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        var outputCut = false
        var polls = 0
        if !accepted { ChildSessions.kill(session: pid) }
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            polls += 1
            if Date() >= deadline {
                timedOut = true
            } else if polls % 10 == 0, size(of: capturedOutput) > outputLimit || size(of: capturedError) > outputLimit {
                outputCut = true
            }
            if timedOut || outputCut {
                ChildSessions.kill(session: pid)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(polls < 200 ? 1_000 : 5_000)
        }
        // A program can print past the limit and exit between two polls; it has still broken the limit.
        if !timedOut && !outputCut && (size(of: capturedOutput) > outputLimit || size(of: capturedError) > outputLimit) {
            outputCut = true
        }
        if ChildSessions.shared.isBeingInterrupted { TerminationSignals.waitForExit() }
        let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return Outcome(
            status: signaled ? status & 0x7f : (status >> 8) & 0xff,
            signaled: signaled && !timedOut && !outputCut,
            timedOut: timedOut,
            outputCut: outputCut,
            standardOutput: outputFile == nil ? read(capturedOutput, limit: outputLimit) : "",
            standardError: read(capturedError, limit: outputLimit))
    }

    /// At most `limit` bytes of the file at `url`, as UTF-8 (invalid bytes replaced).
    static func read(_ url: URL, limit: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? Data()
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    private static func size(of url: URL) -> Int {
        var information = stat()
        return stat(url.path, &information) == 0 ? Int(information.st_size) : 0
    }

    /// Starts `executable` in a new session with standard input from `/dev/null`, the given output
    /// files (created or truncated), default signal handling and an empty signal mask (`workbook`
    /// itself ignores SIGINT and SIGTERM while it handles them).
    private static func spawn(
        _ executable: URL, arguments: [String], environment: [String: String],
        standardOutput: String, standardError: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw WorkbookError("cannot start \(executable.path): \(String(cString: strerror(result)))", at: nil)
        }
        return pid
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
