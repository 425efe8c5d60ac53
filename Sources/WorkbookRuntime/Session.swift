#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chapter program's side of the channel to the runner.
///
/// The runner names a results file in the environment variable `WORKBOOK_RESULTS`; the session
/// appends one JSON record a line to it with unbuffered writes, so that what was written survives
/// a crash. Standard output is not part of the channel: a snippet that prints text resembling a
/// record changes nothing. Each marker carries the byte offset of standard output at that moment,
/// which lets the runner cut what each snippet printed out of the output file.
///
/// Every record carries the run's key: a random number the runner writes, as a literal, into the
/// calls it generates and nowhere else. Snippet code can call these functions by name, but not
/// with the key, so a record it makes is rejected by the runner (see the runner's threat model in
/// `Sources/WorkbookKit/README.md`).
public enum Session {
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    /// The snippet running now, whose figures `figure(_:)` records.
    nonisolated(unsafe) private static var currentSnippet = -1
    /// The key of the last generated call, for the records (figures) that snippet code triggers.
    nonisolated(unsafe) private static var currentKey: UInt64 = 0

    /// Marks the start of snippet `id`: a crash from here on is blamed on it.
    public static func beginSnippet(_ id: Int, key: UInt64) {
        currentSnippet = id
        currentKey = key
        write("{\"begin\":\"snippet\",\"id\":\(id),\"stdout\":\(standardOutputOffset())", key: key)
    }

    /// Marks the place of `output` block `id`: what was printed since the preceding snippet began.
    public static func markOutput(_ id: Int, key: UInt64) {
        write("{\"begin\":\"output\",\"id\":\(id),\"stdout\":\(standardOutputOffset())", key: key)
    }

    /// Evaluates the expression of check `id` and sends its value, or the error it threw.
    @_disfavoredOverload
    public static func check<Value: WorkbookCheckable>(_ id: Int, key: UInt64, _ expression: () throws -> Value) {
        record(id, key: key, expression)
    }

    private static func record<Value: WorkbookCheckable>(_ id: Int, key: UInt64, _ expression: () throws -> Value) {
        write("{\"begin\":\"check\",\"id\":\(id),\"stdout\":\(standardOutputOffset())", key: key)
        let start = monotonicSeconds()
        do {
            let value = try expression()
            let seconds = monotonicSeconds() - start
            write("{\"value\":\(value.checkedValue.json),\"id\":\(id),\"seconds\":\(seconds)", key: key)
        } catch {
            write("{\"thrown\":\(CheckedValue.quoted(String(describing: error))),\"id\":\(id)", key: key)
        }
    }

    /// `check(_:key:_:)` for an expression that can be a `Double`. The generic overload is
    /// disfavoured, so a literal in an expression with no type of its own (`log(2)`, `1 / 3`) is a
    /// `Double`, as the expected values on the right of a check are, not ambiguous or an `Int`.
    public static func check(_ id: Int, key: UInt64, _ expression: () throws -> Double) {
        record(id, key: key, expression)
    }

    /// Sends a figure (an `<svg>` element) made by the running snippet; the site shows it after
    /// the snippet. Use `show(_:)` with a chart rather than calling this directly.
    public static func figure(_ svg: String) {
        write("{\"figure\":\(CheckedValue.quoted(svg)),\"snippet\":\(currentSnippet)", key: currentKey)
    }

    /// Sends an explorable (its `Explorable.json`) made by the running snippet; the site shows it
    /// after the snippet. Use `show(_:)` with an `Explorable` rather than calling this directly.
    public static func explorable(_ json: String) {
        write("{\"explorable\":\(CheckedValue.quoted(json)),\"snippet\":\(currentSnippet)", key: currentKey)
    }

    /// Marks the normal end of the program.
    public static func finish(key: UInt64) {
        write("{\"end\":true,\"stdout\":\(standardOutputOffset())", key: key)
    }

    private static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func standardOutputOffset() -> Int {
        // Flushing every stream avoids naming the C global `stdout`, which Swift 6 rejects.
        fflush(nil)
        return Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))
    }

    /// Appends `record` (an unclosed JSON object) with its `key` and closes it.
    private static func write(_ record: String, key: UInt64) {
        if descriptor < 0 {
            guard let path = getenv("WORKBOOK_RESULTS") else {
                fail("workbook: WORKBOOK_RESULTS is not set; run this program through `workbook verify`\n")
            }
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
            unsetenv("WORKBOOK_RESULTS")
            if descriptor < 0 {
                fail("workbook: cannot open the results file\n")
            }
        }
        writeAll(record + ",\"key\":\"\(String(key, radix: 16))\"}\n", to: descriptor)
    }

    private static func fail(_ message: String) -> Never {
        writeAll(message, to: STDERR_FILENO)
        exit(70)
    }

    private static func writeAll(_ text: String, to fileDescriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
