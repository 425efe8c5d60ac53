import Foundation

/// `workbook verify`: parses chapters, builds the libraries once, then compiles and runs every
/// chapter in a process of its own, in parallel, and evaluates its checks.
public struct Verifier: Sendable {
    /// The default time limit for one chapter's run, in seconds.
    public static let defaultTimeout = 60.0

    /// The time limit that overrides every chapter's own, if set.
    public var timeout: Double?
    /// The package to verify against; found from the working directory when nil.
    public var packageRoot: URL?
    /// How many chapters compile and run at once.
    public var parallelism: Int

    /// A verifier.
    public init(timeout: Double? = nil, packageRoot: URL? = nil, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.timeout = timeout
        self.packageRoot = packageRoot
        self.parallelism = max(1, parallelism)
    }

    /// Verifies the chapter files `entries` and returns a report per chapter, in order.
    ///
    /// - Throws: `WorkbookError` when there is no compiler or the libraries do not compile.
    public func verify(_ entries: [ChapterDiscovery.Entry]) throws -> [ChapterReport] {
        var reports: [ChapterReport?] = Array(repeating: nil, count: entries.count)
        var programs: [(Int, ChapterProgram)] = []
        let parser = ChapterParser()
        for (position, entry) in entries.enumerated() {
            do {
                let chapter = try parser.parse(contentsOf: entry.url, displayPath: entry.displayPath)
                programs.append((position, ChapterProgram(chapter: chapter)))
            } catch let problems as ChapterProblems {
                reports[position] = ChapterReport(path: entry.displayPath, chapter: nil, results: [], problems: problems.errors, seconds: 0)
            }
        }
        if !programs.isEmpty {
            let toolchain = try Toolchain.locate(packageRoot: packageRoot)
            let libraries = try LibraryBuilder(toolchain: toolchain).build()
            let runner = ChapterRunner(toolchain: toolchain, libraries: libraries)
            let finished = LockedArray<ChapterReport?>(count: programs.count)
            let queue = OperationQueue()
            queue.maxConcurrentOperationCount = parallelism
            for (slot, (_, program)) in programs.enumerated() {
                queue.addOperation {
                    finished[slot] = self.run(program, with: runner)
                }
            }
            queue.waitUntilAllOperationsAreFinished()
            for (slot, (position, _)) in programs.enumerated() {
                reports[position] = finished[slot] ?? nil
            }
        }
        return reports.compactMap { $0 }
    }

    private func run(_ program: ChapterProgram, with runner: ChapterRunner) -> ChapterReport {
        let chapter = program.chapter
        let start = Date()
        let limit = timeout ?? chapter.timeout ?? Self.defaultTimeout
        do {
            let result = try runner.run(program, timeout: limit)
            return ChapterEvaluator.report(for: chapter, result: result, seconds: Date().timeIntervalSince(start))
        } catch {
            let problem = WorkbookError("cannot run the chapter: \(error)", at: chapter.location(line: 1))
            return ChapterReport(
                path: chapter.path, chapter: chapter,
                results: ChapterEvaluator.unevaluated(chapter, reason: "not evaluated: the chapter could not run"),
                problems: [problem], seconds: Date().timeIntervalSince(start))
        }
    }
}

/// An array whose elements threads may set concurrently.
final class LockedArray<Element>: @unchecked Sendable {
    private var storage: [Element?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Element? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }
}
