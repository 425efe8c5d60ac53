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
public enum Session {
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    /// The snippet running now, whose figures `figure(_:)` records.
    nonisolated(unsafe) private static var currentSnippet = -1

    /// Marks the start of snippet `id`: a crash from here on is blamed on it.
    public static func beginSnippet(_ id: Int) {
        currentSnippet = id
        write("{\"begin\":\"snippet\",\"id\":\(id),\"stdout\":\(standardOutputOffset())}")
    }

    /// Marks the place of `output` block `id`: what was printed since the preceding snippet began.
    public static func markOutput(_ id: Int) {
        write("{\"begin\":\"output\",\"id\":\(id),\"stdout\":\(standardOutputOffset())}")
    }

    /// Evaluates the expression of check `id` and sends its value, or the error it threw.
    public static func check<Value: WorkbookCheckable>(_ id: Int, _ expression: () throws -> Value) {
        write("{\"begin\":\"check\",\"id\":\(id),\"stdout\":\(standardOutputOffset())}")
        let start = monotonicSeconds()
        do {
            let value = try expression()
            let seconds = monotonicSeconds() - start
            write("{\"value\":\(value.checkedValue.json),\"id\":\(id),\"seconds\":\(seconds)}")
        } catch {
            write("{\"thrown\":\(CheckedValue.quoted(String(describing: error))),\"id\":\(id)}")
        }
    }

    /// Sends a figure (an `<svg>` element) made by the running snippet; the site shows it after
    /// the snippet. Use `show(_:)` with a chart rather than calling this directly.
    public static func figure(_ svg: String) {
        write("{\"figure\":\(CheckedValue.quoted(svg)),\"snippet\":\(currentSnippet)}")
    }

    /// Marks the normal end of the program.
    public static func finish() {
        write("{\"end\":true,\"stdout\":\(standardOutputOffset())}")
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

    private static func write(_ record: String) {
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
        writeAll(record + "\n", to: descriptor)
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
