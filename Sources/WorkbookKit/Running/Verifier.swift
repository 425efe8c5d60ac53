import Foundation

/// `workbook verify`: parses chapters, builds the libraries once, then compiles and runs every
/// chapter in a process of its own, in parallel, and evaluates its checks. Each exercise is checked
/// both ways: its solution must pass its checks (it runs with the chapter) and its starter must not.
///
/// Reports are cached by a hash of everything a chapter's outcome depends on, so a run with nothing
/// changed compiles and runs nothing.
public struct Verifier: Sendable {
    /// The default time limit for one chapter's run, in seconds.
    public static let defaultTimeout = 60.0
    /// The longest time limit a chapter or a flag may ask for: a day.
    public static let maximumTimeout = 86_400.0

    /// Why `seconds` is not a usable time limit (finite, above 0, at most a day), or nil.
    public static func timeoutProblem(_ seconds: Double) -> String? {
        seconds.isFinite && seconds > 0 && seconds <= maximumTimeout
            ? nil : "must be a number of seconds above 0 and at most \(Int(maximumTimeout)), got \(seconds)"
    }
    /// Changes whenever the meaning of a cached report changes, to retire old entries.
    static let cacheFormat = "workbook-results-2"

    /// The time limit that overrides every chapter's own, if set.
    public var timeout: Double?
    /// The package to verify against; found from the working directory when nil.
    public var packageRoot: URL?
    /// How many chapters compile and run at once.
    public var parallelism: Int
    /// Whether cached reports may be used (`--force` turns this off; fresh reports are still stored).
    public var usesCache: Bool

    /// A verifier.
    public init(
        timeout: Double? = nil, packageRoot: URL? = nil,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, usesCache: Bool = true
    ) {
        self.timeout = timeout
        self.packageRoot = packageRoot
        self.parallelism = max(1, parallelism)
        self.usesCache = usesCache
    }

    /// Verifies the chapter files `entries` and returns a report per chapter, in order.
    ///
    /// - Throws: `WorkbookError` when there is no compiler or the libraries do not compile.
    public func verify(_ entries: [ChapterDiscovery.Entry]) throws -> [ChapterReport] {
        var reports: [ChapterReport?] = Array(repeating: nil, count: entries.count)
        var parsed: [(position: Int, chapter: Chapter, text: String)] = []
        let parser = ChapterParser()
        for (position, entry) in entries.enumerated() {
            do {
                let text = try ChapterParser.readText(of: entry.url, displayPath: entry.displayPath)
                parsed.append((position, try parser.parse(text, path: entry.displayPath), text))
            } catch let problems as ChapterProblems {
                reports[position] = ChapterReport(path: entry.displayPath, chapter: nil, results: [], problems: problems.errors, seconds: 0)
            }
        }
        guard !parsed.isEmpty else { return reports.compactMap { $0 } }
        let duplicates = Self.duplicateExercises(parsed.map { ($0.position, $0.chapter) })

        let toolchain = try Toolchain.locate(packageRoot: packageRoot)
        let builder = LibraryBuilder(toolchain: toolchain)
        let libraryKey = try builder.cacheKey()
        let cache = ResultCache(folder: toolchain.workDirectory.appendingPathComponent("results"))
        cache.sweepLeftovers()
        cache.prune(keeping: ResultCache.defaultEntryLimit)
        var pending: [(position: Int, chapter: Chapter, key: String)] = []
        for (position, chapter, text) in parsed {
            let key = cacheKey(chapter: chapter, text: text, libraryKey: libraryKey)
            if usesCache, var cached = cache.load(key) {
                cached.chapter = chapter
                reports[position] = cached
            } else {
                pending.append((position, chapter, key))
            }
        }
        guard !pending.isEmpty else { return withDuplicates(reports, duplicates) }

        let runner = ChapterRunner(builder: builder, libraries: try builder.build(key: libraryKey))
        let finished = LockedArray<ChapterReport>(count: pending.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = parallelism
        for (slot, job) in startOrder(pending.map(\.chapter)).map({ ($0, pending[$0]) }) {
            queue.addOperation {
                finished[slot] = self.verify(job.chapter, with: runner)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        for (slot, job) in pending.enumerated() {
            guard let report = finished[slot] else { continue }
            if Self.isReproducible(report) {
                cache.store(report, for: job.key)
            }
            reports[job.position] = report
        }
        return withDuplicates(reports, duplicates)
    }

    /// The order in which to start `chapters` (indices into it): those with longer time limits
    /// first, since an author declares a longer limit for a slower chapter, and a slow chapter
    /// started last keeps one core busy after the rest have finished; otherwise in book order.
    func startOrder(_ chapters: [Chapter]) -> [Int] {
        chapters.indices.sorted { a, b in
            let limits = (chapters[a].timeout ?? Self.defaultTimeout, chapters[b].timeout ?? Self.defaultTimeout)
            return limits.0 != limits.1 ? limits.0 > limits.1 : a < b
        }
    }

    private func withDuplicates(_ reports: [ChapterReport?], _ duplicates: [Int: [WorkbookError]]) -> [ChapterReport] {
        var reports = reports
        for (position, problems) in duplicates { reports[position]?.problems += problems }
        return reports.compactMap { $0 }
    }

    /// An error at each heading of an exercise whose name another chapter also uses (readers name
    /// exercises on the command line, across the whole book), by chapter position.
    static func duplicateExercises(_ chapters: [(position: Int, chapter: Chapter)]) -> [Int: [WorkbookError]] {
        var headings: [String: [(position: Int, location: SourceLocation)]] = [:]
        for (position, chapter) in chapters {
            for exercise in chapter.exercises {
                headings[exercise.name, default: []].append((position, chapter.location(line: exercise.line)))
            }
        }
        var problems: [Int: [WorkbookError]] = [:]
        for (name, places) in headings where places.count > 1 {
            for place in places {
                let others = places.filter { $0.location != place.location }.map { "\($0.location.file):\($0.location.line)" }
                problems[place.position, default: []].append(WorkbookError(
                    "exercise `\(name)` is also defined at \(others.joined(separator: ", ")); exercise names must be unique across the book",
                    at: place.location))
            }
        }
        return problems
    }

    /// Environment variables a chapter's outcome can depend on (where the training data is read).
    static let environmentInKey = ["NEURAL_DATASET_DIR"]

    /// The key of a chapter's report: the cache format, the libraries' key (their sources, the
    /// compiler and its flags), the chapter's path and text, the time limit, and `environmentInKey`.
    func cacheKey(chapter: Chapter, text: String, libraryKey: String) -> String {
        var hash = ContentHash()
        hash.add(Self.cacheFormat)
        hash.add(libraryKey)
        hash.add(chapter.path)
        hash.add(text)
        hash.add("\(timeout ?? chapter.timeout ?? Self.defaultTimeout)")
        for name in Self.environmentInKey {
            hash.add(name + "=" + (ProcessInfo.processInfo.environment[name] ?? ""))
        }
        return hash.hex
    }

    /// Whether a report can be trusted to come out the same on another run. A report with a
    /// problem (a crash, an early exit, a time-out, a compiler that could not start) is not stored:
    /// such outcomes can depend on the machine (a missing data file, the load) rather than on the
    /// inputs of the key, and they are quick to reproduce.
    static func isReproducible(_ report: ChapterReport) -> Bool {
        report.problems.isEmpty
    }

    private func verify(_ chapter: Chapter, with runner: ChapterRunner) -> ChapterReport {
        let start = Date()
        let limit = timeout ?? chapter.timeout ?? Self.defaultTimeout
        var report: ChapterReport
        do {
            let result = try runner.run(ChapterProgram(chapter: chapter), timeout: limit)
            report = ChapterEvaluator.report(for: chapter, result: result, seconds: 0)
            for exercise in chapter.exercises {
                if let problem = try solutionProblem(exercise, in: chapter, runner: runner, timeout: limit) {
                    report.problems.append(problem)
                }
                if let problem = try starterProblem(exercise, in: chapter, runner: runner, timeout: limit) {
                    report.problems.append(problem)
                }
            }
        } catch {
            let problem = WorkbookError("cannot run the chapter: \(error)", at: chapter.location(line: 1))
            report = ChapterReport(
                path: chapter.path, chapter: chapter,
                results: ChapterEvaluator.unevaluated(chapter, reason: "not evaluated: the chapter could not run"),
                problems: [problem], seconds: 0)
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// The exercise checked as a reader's answer would be, with snippet `index` (its starter or its
    /// solution) as the answer, at the snippet's own lines; nil when the exercise has no such snippet.
    private func check(_ exercise: Exercise, answeredBy index: Int?, in chapter: Chapter, runner: ChapterRunner, timeout: Double) throws -> ExerciseAttempt? {
        guard let snippet = chapter.snippets.first(where: { $0.index == index }) else { return nil }
        let replacement = ChapterProgram.Replacement(code: snippet.code, location: chapter.location(line: snippet.firstCodeLine))
        return try ExerciseAttempt.check(exercise, in: chapter, replacement: replacement, runner: runner, timeout: timeout)
    }

    /// An error when the exercise's solution fails in the program that checks a reader's answer
    /// (the section and only the snippets before it that it needs, `SnippetDependencies`): then a
    /// reader's correct answer would fail too.
    private func solutionProblem(_ exercise: Exercise, in chapter: Chapter, runner: ChapterRunner, timeout: Double) throws -> WorkbookError? {
        guard let attempt = try check(exercise, answeredBy: exercise.solutionSnippet, in: chapter, runner: runner, timeout: timeout),
            !attempt.passed
        else { return nil }
        let why = attempt.problems.first.map(\.message)
            ?? attempt.results.first { $0.status != .passed }.map { "the check at line \($0.location.line) \($0.status)" }
            ?? "no check ran"
        return WorkbookError(
            "exercise `\(exercise.name)`: its solution fails in the program that checks a reader's answer, which keeps only the snippets before the exercise that it mentions (\(why)); declare what it needs in a `let` or `var` it can see",
            at: chapter.location(line: exercise.line))
    }

    /// An error when the exercise's starter, put in place of its solution, already passes the
    /// exercise's checks: then the exercise asks nothing of the reader.
    private func starterProblem(_ exercise: Exercise, in chapter: Chapter, runner: ChapterRunner, timeout: Double) throws -> WorkbookError? {
        guard let attempt = try check(exercise, answeredBy: exercise.starterSnippet, in: chapter, runner: runner, timeout: timeout),
            attempt.passed
        else { return nil }
        return WorkbookError(
            "exercise `\(exercise.name)`: its starter already passes its checks, so the exercise asks nothing of the reader",
            at: chapter.location(line: exercise.line))
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
