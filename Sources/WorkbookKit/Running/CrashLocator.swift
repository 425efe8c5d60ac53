import Foundation

/// Finds the line a chapter program was at when it stopped on a fatal error.
///
/// On a fatal error (a failed precondition in the libraries, `fatalError`, an index out of range,
/// a nil unwrapped) the Swift runtime prints "Current stack trace:" to standard error, one frame a
/// line, with the frame's image and its offset in it:
///
///     5    chapter    0x000055e19eb211d6 <unavailable> + 4566
///
/// The program is compiled with line tables (`-gline-tables-only`), so `llvm-symbolizer` maps its
/// own frames back to lines, and `#sourceLocation` makes those the chapter's lines, or the lines of
/// a reader's attempt. The innermost frame in one of the program's files is where it stopped: the
/// line that called the library, not the first line of the snippet. A raw trap with no message
/// (an arithmetic overflow in the snippet itself) prints no trace; it stays blamed on its snippet.
struct CrashLocator: Sendable {
    /// `llvm-symbolizer`, or nil when the toolchain has none (then nothing is located).
    var symbolizer: URL?

    /// A locator that uses `toolchain`'s `llvm-symbolizer`.
    init(toolchain: Toolchain) {
        symbolizer = toolchain.companion("llvm-symbolizer")
    }

    /// The offsets, innermost first, of the frames in `image` of the first stack trace in
    /// `standardError`. Frames named by a symbol (`main + 12`) are relative to the symbol, not the
    /// image, and are skipped.
    static func frameOffsets(in standardError: String, image: String) -> [UInt64] {
        guard let start = standardError.range(of: "Current stack trace:\n") else { return [] }
        var offsets: [UInt64] = []
        for line in standardError[start.upperBound...].split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 4, Int(words[0]) != nil else { break }
            guard words[1] == image, words.count == 6, words[3] == "<unavailable>", words[4] == "+",
                  let offset = UInt64(words[5]), offset > 0
            else { continue }
            offsets.append(offset)
        }
        return offsets
    }

    /// The innermost frame of `executable`, in the trace in `standardError`, whose line is in one of
    /// `files` (paths as the program's `#sourceLocation` names them).
    func location(standardError: String, executable: URL, files: Set<String>) -> SourceLocation? {
        let offsets = Self.frameOffsets(in: standardError, image: executable.lastPathComponent)
        guard let symbolizer, !offsets.isEmpty else { return nil }
        // A frame's address is the one its call returns to; one byte back is the call itself.
        let addresses = offsets.map { "0x" + String($0 - 1, radix: 16) }
        guard let outcome = try? ProcessRunner.run(
            symbolizer, arguments: ["--obj=\(executable.path)", "--no-inlines"] + addresses, timeout: 30),
            outcome.succeeded
        else { return nil }
        for line in outcome.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let number = Int(parts[parts.count - 2]), number > 0 else { continue }
            let path = parts.dropLast(2).joined(separator: ":")
            let column = Int(parts[parts.count - 1])
            if let file = files.first(where: { path == $0 || path.hasSuffix("/" + $0) }) {
                return SourceLocation(file: file, line: number, column: column.flatMap { $0 > 0 ? $0 : nil })
            }
        }
        return nil
    }
}
