import Foundation

/// Checks readers' attempts, remembering each outcome by a hash of everything it depends on, so
/// that `workbook exercises` with nothing changed runs nothing.
///
/// The key covers the libraries (their sources, the compiler and its flags, as `Verifier`'s key
/// does), the chapter's path and text, the exercise's name, the attempt's file name and code, and
/// the time limit. Every outcome is stored except those that can depend on the machine (a time-out,
/// output cut at its limit, a broken results protocol), which run again next time. The libraries
/// are built only when an attempt has to run.
public final class AttemptChecker: @unchecked Sendable {
    private let builder: LibraryBuilder
    private let libraryKey: String
    private let cache: ResultCache
    private var runner: ChapterRunner?

    /// A checker for the package at `packageRoot` (found from the working directory when nil).
    public init(packageRoot: URL? = nil) throws {
        let toolchain = try Toolchain.locate(packageRoot: packageRoot)
        builder = LibraryBuilder(toolchain: toolchain)
        libraryKey = try builder.cacheKey()
        cache = ResultCache(folder: toolchain.workDirectory.appendingPathComponent("attempts"))
        cache.sweepLeftovers()
        cache.prune(keeping: ResultCache.defaultEntryLimit)
    }

    /// Checks `code` (the contents of `file`) as the answer to `entry`'s exercise, from the cache
    /// when nothing it depends on changed.
    public func check(_ entry: ExerciseWorkspace.Entry, code: String, file: String, timeout: Double) throws -> (attempt: ExerciseAttempt, cached: Bool) {
        let key = self.key(entry, code: code, file: file, timeout: timeout)
        if let stored = cache.load(key) {
            return (ExerciseAttempt(results: stored.results, problems: stored.problems), true)
        }
        if runner == nil {
            runner = ChapterRunner(builder: builder, libraries: try builder.build(key: libraryKey))
        }
        let replacement = ChapterProgram.Replacement(code: code, location: SourceLocation(file: file, line: 1))
        let attempt = try ExerciseAttempt.check(entry.exercise, in: entry.chapter, replacement: replacement, runner: runner!, timeout: timeout)
        if attempt.isReproducible {
            cache.store(ChapterReport(path: file, chapter: nil, results: attempt.results, problems: attempt.problems, seconds: 0), for: key)
        }
        return (attempt, false)
    }

    /// The cache key of an attempt.
    func key(_ entry: ExerciseWorkspace.Entry, code: String, file: String, timeout: Double) -> String {
        var hash = ContentHash()
        for part in ["workbook-attempt-1", libraryKey, entry.chapter.path, entry.chapterText, entry.exercise.name, file, code, "\(timeout)"] {
            hash.add(part)
            hash.add("\u{0}")
        }
        for name in Verifier.environmentInKey {
            hash.add(name + "=" + (ProcessInfo.processInfo.environment[name] ?? ""))
        }
        return hash.hex
    }
}
