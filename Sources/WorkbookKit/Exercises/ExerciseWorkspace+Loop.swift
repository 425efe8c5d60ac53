import Foundation

/// The reader's loop around the attempts: progress, the next exercise, hints one at a time, a
/// reset that keeps the old attempt, and the solution once an attempt passes.
extension ExerciseWorkspace {
    /// An exercise and where the reader stands with it.
    public struct Progress: Sendable {
        /// The exercise.
        public var entry: Entry
        /// Not started, failing or done.
        public var state: State
    }

    /// Every exercise in book order with its state; attempts run only when they changed since they
    /// were last checked (`AttemptChecker`).
    public func progress(checker: AttemptChecker) throws -> [Progress] {
        try exercises().map { entry in
            let name = entry.exercise.name
            guard let code = try? String(contentsOf: attemptURL(name), encoding: .utf8) else {
                return Progress(entry: entry, state: .notStarted)
            }
            let attempt = try checker.check(entry, code: code, file: attemptDisplayPath(name), timeout: Self.timeLimit(of: entry)).attempt
            return Progress(entry: entry, state: attempt.passed ? .done : .failing)
        }
    }

    /// `3 of 34 done`.
    public static func summary(_ progress: [Progress]) -> String {
        "\(progress.filter { $0.state == .done }.count) of \(progress.count) done"
    }

    /// The first exercise that is not done, looking from the one after `name` (or from the start)
    /// and wrapping around; nil when every exercise is done.
    public static func next(after name: String?, in progress: [Progress]) -> Entry? {
        let start = name.flatMap { current in progress.firstIndex { $0.entry.exercise.name == current } }.map { $0 + 1 } ?? 0
        let order = progress[start...] + progress[..<start]
        return order.first { $0.state != .done }?.entry
    }

    /// The time limit an attempt at `entry` runs under: its chapter's, else the default.
    public static func timeLimit(of entry: Entry) -> Double {
        entry.chapter.timeout ?? Verifier.defaultTimeout
    }

    /// Checks the reader's attempt at `name` through `checker`.
    public func check(_ typedName: String, checker: AttemptChecker, timeout: Double? = nil) throws -> ExerciseAttempt {
        let (entry, code, file) = try attempt(typedName)
        return try checker.check(entry, code: code, file: file, timeout: timeout ?? Self.timeLimit(of: entry)).attempt
    }

    /// The file that remembers how many hints of each exercise the reader has seen.
    var hintsFile: URL { folder.appendingPathComponent(".hints.json") }

    /// The next hint of `name` (the first one again after the last), and its number.
    public func nextHint(_ typedName: String) throws -> (number: Int, count: Int, text: String) {
        let entry = try exercise(named: typedName)
        let hints = entry.exercise.hints
        guard !hints.isEmpty else { throw WorkbookError("exercise `\(entry.exercise.name)` has no hints", at: nil) }
        var seen = (try? JSONDecoder().decode([String: Int].self, from: Data(contentsOf: hintsFile))) ?? [:]
        let number = (seen[entry.exercise.name] ?? 0) % hints.count + 1
        seen[entry.exercise.name] = number
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try encoder.encode(seen).write(to: hintsFile, options: .atomic)
        return (number, hints.count, hints[number - 1])
    }

    /// Moves the reader's attempt at `name` to `backups/NAME-N.swift` in the attempts folder (the
    /// first free N), then writes the starter again. Returns the backup.
    @discardableResult
    public func reset(_ typedName: String) throws -> URL {
        let name = try exercise(named: typedName).exercise.name
        let attempt = attemptURL(name)
        let manager = FileManager.default
        guard manager.fileExists(atPath: attempt.path) else {
            throw WorkbookError("\(attemptDisplayPath(name)) does not exist: there is nothing to reset; `\(ReaderCommand.start.invocation(name))` starts it", at: nil)
        }
        let backups = folder.appendingPathComponent("backups")
        try manager.createDirectory(at: backups, withIntermediateDirectories: true)
        var number = 1
        var backup = backups.appendingPathComponent("\(name)-1.swift")
        while manager.fileExists(atPath: backup.path) {
            number += 1
            backup = backups.appendingPathComponent("\(name)-\(number).swift")
        }
        do {
            try manager.moveItem(at: attempt, to: backup)
        } catch {
            throw WorkbookError("cannot move \(attemptDisplayPath(name)) to its backup: \(error.localizedDescription); nothing was changed", at: nil)
        }
        try start(name)
        return backup
    }

    /// The book's solution to `entry`'s exercise.
    public static func solution(of entry: Entry) -> String {
        entry.chapter.snippets.first { $0.index == entry.exercise.solutionSnippet }?.code ?? ""
    }

    /// The names a reader's answer has to define: those the solution declares and the checks read.
    public static func namesToFill(_ entry: Entry) -> [String] {
        let declared = SnippetDependencies.declaredNames(in: solution(of: entry))
        let checks = entry.chapter.checks
        var read = Set<String>()
        for index in entry.exercise.checkIndices where checks.indices.contains(index) {
            read.formUnion(SnippetDependencies.words(in: checks[index].expression))
        }
        return declared.intersection(read).sorted()
    }
}
