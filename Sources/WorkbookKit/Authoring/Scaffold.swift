import Foundation

/// Creates chapters and exercises from templates that verify as they are. Nothing is ever
/// overwritten: a chapter file that exists, or an exercise name already taken, is an error.
public struct Scaffold: Sendable {
    /// The folder of chapters.
    public var folder: URL
    /// The working directory, against which paths are shown.
    public var workingDirectory: URL

    /// A scaffold for the chapters in `folder`.
    public init(folder: URL, workingDirectory: URL) {
        self.folder = folder
        self.workingDirectory = workingDirectory
    }

    /// Creates the next numbered chapter, `NN-slug.md`, titled `title`, and returns its file.
    @discardableResult
    public func newChapter(title: String) throws -> URL {
        let trimmed = title.trimmed
        let slug = Slug.make(trimmed)
        guard !slug.isEmpty, !trimmed.contains("\n") else {
            throw WorkbookError("a chapter title needs at least one letter or digit, on one line", at: nil)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let next = (names.compactMap { ChapterParser.chapterNumber(fileName: $0) }.max() ?? 0) + 1
        let url = folder.appendingPathComponent(String(format: "%02d-%@.md", next, slug))
        let identifier = Self.identifier(slug, suffix: "Example")
        let text = """
            # \(trimmed)

            Say here what the reader will learn in this chapter, and why it matters.

            ## A first worked example

            Each snippet runs against the `Neural` library; each `expect` block checks its numbers.

            ```swift
            let \(identifier) = weightedSum([1, 2], weights: [0.5, 0.25], bias: 0)
            ```

            ```expect
            \(identifier) ≈ 1.0 ± 1e-12    # 0.5·1 + 0.25·2
            ```

            """
        try write(text, to: url)
        return url
    }

    /// Appends an exercise named `name` to chapter number `chapterNumber` and returns the chapter's file.
    @discardableResult
    public func newExercise(name: String, chapterNumber: Int) throws -> URL {
        guard !name.isEmpty, name.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }),
            name.first != "-", name.last != "-", !name.contains("--")
        else {
            throw WorkbookError("an exercise name is lower-case words joined by `-`, such as `dot-product`; got `\(name)`", at: nil)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard let fileName = names.filter({ $0.hasSuffix(".md") }).first(where: { ChapterParser.chapterNumber(fileName: $0) == chapterNumber })
        else {
            throw WorkbookError("there is no chapter numbered \(chapterNumber) in \(display(folder))", at: nil)
        }
        let url = folder.appendingPathComponent(fileName)
        let entries = try ChapterDiscovery.entries(for: [folder.path], workingDirectory: workingDirectory)
        let workspace = ExerciseWorkspace(chapters: entries, folder: folder, workingDirectory: workingDirectory)
        if let taken = try? workspace.exercises().first(where: { $0.exercise.name == name }) {
            throw WorkbookError("an exercise named `\(name)` already exists", at: taken.chapter.location(line: taken.exercise.line))
        }
        let existing = try String(contentsOf: url, encoding: .utf8)
        let identifier = Self.identifier(name, suffix: "Answer")
        let exercise = """

            ## Exercise: \(name.replacingOccurrences(of: "-", with: " ")) {#\(name)}

            State the task here: what to compute, from what, and the name to store it in (`\(identifier)`).

            > Hint: a first nudge towards the answer.

            ```swift starter
            let \(identifier) = 0.0   // replace with your computation
            ```

            ```swift solution
            let \(identifier) = weightedSum([2, 4], weights: [0.5, 0.25], bias: 1)
            ```

            ```expect
            \(identifier) ≈ 3.0 ± 1e-12
            ```

            """
        let separator = existing.hasSuffix("\n") ? "" : "\n"
        try replace(url, with: existing + separator + exercise)
        return url
    }

    /// `dot-product` → `dotProductAnswer`; a name that starts with a digit gets `exercise` in front.
    static func identifier(_ slug: String, suffix: String) -> String {
        let words = slug.split(separator: "-").map(String.init)
        var name = words.enumerated().map { index, word in index == 0 ? word : word.prefix(1).uppercased() + word.dropFirst() }.joined()
        if name.first?.isNumber ?? true { name = "exercise" + name.prefix(1).uppercased() + name.dropFirst() }
        return name + suffix
    }

    private func write(_ text: String, to url: URL) throws {
        if FileManager.default.fileExists(atPath: url.path) {
            throw WorkbookError("\(display(url)) already exists; nothing was changed", at: nil)
        }
        if url.lastPathComponent.utf8.count > 255 {
            throw WorkbookError("\(display(url)): the name is too long for a file (\(url.lastPathComponent.utf8.count) bytes, at most 255); choose a shorter title", at: nil)
        }
        do {
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw WorkbookError("cannot write \(display(url)): \(error.localizedDescription); nothing was changed", at: nil)
        }
    }

    /// Replaces `url`'s content atomically: a new file is written beside it and renamed over it.
    private func replace(_ url: URL, with text: String) throws {
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: staging, options: .withoutOverwriting)
            guard rename(staging.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw WorkbookError("cannot update \(display(url)); it was left as it was", at: nil)
        }
    }

    private func display(_ url: URL) -> String {
        ChapterDiscovery.entry(url, workingDirectory: workingDirectory).displayPath
    }
}
