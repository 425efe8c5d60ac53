import Foundation

/// A reader's exercises: each exercise's starter copied to `exercises/NAME.swift`, edited there, and
/// checked against the exercise's checks.
public struct ExerciseWorkspace: Sendable {
    /// Where an exercise stands for the reader.
    public enum State: String, Sendable, Codable {
        case notStarted = "not started"
        case failing
        case done
    }

    /// An exercise and the chapter it belongs to.
    public struct Entry: Sendable {
        /// The chapter.
        public var chapter: Chapter
        /// The exercise.
        public var exercise: Exercise
        /// The chapter's Markdown, part of an attempt's cache key.
        public var chapterText: String = ""
    }

    /// The folder of chapters.
    public var chapters: [ChapterDiscovery.Entry]
    /// The reader's folder of attempts.
    public var folder: URL
    /// The working directory, against which paths are shown.
    public var workingDirectory: URL

    /// A workspace over `chapters` with attempts in `folder`.
    public init(chapters: [ChapterDiscovery.Entry], folder: URL, workingDirectory: URL) {
        self.chapters = chapters
        self.folder = folder
        self.workingDirectory = workingDirectory
    }

    /// Every exercise of every chapter that parses, in chapter order.
    public func exercises() throws -> [Entry] {
        let parser = ChapterParser()
        var entries: [Entry] = []
        for file in chapters {
            let text = try ChapterParser.readText(of: file.url, displayPath: file.displayPath)
            let chapter = try parser.parse(text, path: file.displayPath)
            entries += chapter.exercises.map { Entry(chapter: chapter, exercise: $0, chapterText: text) }
        }
        return entries
    }

    /// The exercise called `name`.
    public func exercise(named name: String) throws -> Entry {
        let all = try exercises()
        guard let entry = all.first(where: { $0.exercise.name == name }) else {
            let names = all.map(\.exercise.name).joined(separator: ", ")
            throw WorkbookError("there is no exercise named `\(name)`; the exercises are: \(names)", at: nil)
        }
        return entry
    }

    /// The file that holds the reader's attempt at `name`.
    public func attemptURL(_ name: String) -> URL {
        folder.appendingPathComponent("\(name).swift")
    }

    /// The path of the attempt as shown in messages.
    public func attemptDisplayPath(_ name: String) -> String {
        ChapterDiscovery.entry(attemptURL(name), workingDirectory: workingDirectory).displayPath
    }

    /// Writes the starter of `name` to its attempt file and returns the file; an existing attempt is
    /// never overwritten.
    @discardableResult
    public func start(_ typedName: String) throws -> URL {
        let entry = try exercise(named: typedName)
        let name = entry.exercise.name
        let url = attemptURL(name)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw WorkbookError("\(attemptDisplayPath(name)) already exists: your attempt is kept; edit it, or delete it to start over", at: nil)
        }
        let starter = entry.chapter.snippets.first { $0.index == entry.exercise.starterSnippet }?.code ?? ""
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let header = Self.starterHeader(entry)
        do {
            try Data((header + starter).utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw WorkbookError("cannot write \(attemptDisplayPath(name)): \(error.localizedDescription)", at: nil)
        }
        return url
    }

    /// The comment that opens a starter file: the task, the names to fill, the commands.
    static func starterHeader(_ entry: Entry) -> String {
        let name = entry.exercise.name
        var lines = ["Exercise: \(entry.exercise.title)  (\(name), \(entry.chapter.path):\(entry.exercise.line))", ""]
        for paragraph in entry.exercise.task {
            lines += paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""]
        }
        let names = namesToFill(entry)
        if !names.isEmpty { lines.append("Define: " + names.map { "`\($0)`" }.joined(separator: ", ")) }
        lines += [
            "Check it:   \(ReaderCommand.check.invocation(name))   (add --watch to re-check on every save)",
            "A hint:     \(ReaderCommand.hint.invocation(name))",
            "Start over: \(ReaderCommand.reset.invocation(name))   (this file is kept in backups/)",
            "Everything the chapter defines before the exercise is in scope here.",
        ]
        return lines.map { $0.isEmpty ? "//" : "// \($0)" }.joined(separator: "\n") + "\n\n"
    }

    /// Runs the reader's attempt at `name` against the exercise's checks.
    public func check(_ typedName: String, runner: ChapterRunner, timeout: Double) throws -> ExerciseAttempt {
        let (entry, code, file) = try attempt(typedName)
        let replacement = ChapterProgram.Replacement(code: code, location: SourceLocation(file: file, line: 1))
        return try ExerciseAttempt.check(entry.exercise, in: entry.chapter, replacement: replacement, runner: runner, timeout: timeout)
    }

    /// The exercise called `name`, the reader's code for it and its file as messages show it.
    ///
    /// - Throws: `WorkbookError` when there is no such exercise or the reader has not started it.
    func attempt(_ typedName: String) throws -> (entry: Entry, code: String, file: String) {
        let entry = try exercise(named: typedName)
        let name = entry.exercise.name
        guard let code = try? String(contentsOf: attemptURL(name), encoding: .utf8) else {
            throw WorkbookError("\(attemptDisplayPath(name)) does not exist yet: run `\(ReaderCommand.start.invocation(name))` to start", at: nil)
        }
        return (entry, code, attemptDisplayPath(name))
    }
}
