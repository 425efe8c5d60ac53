import Foundation
import Testing
@testable import WorkbookKit

/// Readers type exercise names on the command line: one name, one exercise, one attempt file.
@Suite struct ExerciseNameTests {
    static func chapter(_ path: String, exercises: [String]) throws -> Chapter {
        var text = "# Chapter\n\n"
        for title in exercises {
            text += "## Exercise: \(title) {#\(Slug.make(title))}\n\nDo it.\n\n> Hint: try.\n\n```swift starter\nlet x = 0\n```\n\n```swift solution\nlet x = 1\n```\n\n```expect\nx == 1\n```\n\n"
        }
        return try ChapterParser().parse(text, path: path)
    }

    @Test func duplicateNamesAcrossTheBookAreReportedAtBothHeadings() throws {
        let first = try Self.chapter("chapters/01-a.md", exercises: ["Mean error", "Unique one"])
        let second = try Self.chapter("chapters/02-b.md", exercises: ["Mean  error!"])
        let problems = Verifier.duplicateExercises([(0, first), (1, second)])
        #expect(problems[0]?.map(\.description) == [
            "chapters/01-a.md:3: error: exercise `mean-error` is also defined at chapters/02-b.md:3; exercise names must be unique across the book"
        ])
        #expect(problems[1]?.first?.description.hasPrefix("chapters/02-b.md:3: error: exercise `mean-error` is also defined at chapters/01-a.md:3") == true)
        #expect(Verifier.duplicateExercises([(0, first)]).isEmpty)
    }

    @Test func namesAreNormalisedSoEveryTypingFindsOneAttemptFile() throws {
        let decomposed = "Cafe\u{301} au lait"
        #expect(Array(Slug.make(decomposed).unicodeScalars) == Array("caf\u{E9}-au-lait".unicodeScalars))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapters = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        var text = "# Chapter\n\n## Exercise: \(decomposed) {#cafe\u{301}-au-lait}\n\nDo it.\n\n> Hint: try.\n\n"
        text += "```swift starter\nlet x = 0\n```\n\n```swift solution\nlet x = 1\n```\n\n```expect\nx == 1\n```\n"
        try Data(text.utf8).write(to: chapters.appendingPathComponent("01-c.md"))
        let workspace = ExerciseWorkspace(
            chapters: try ChapterDiscovery.entries(for: [chapters.path], workingDirectory: folder),
            folder: folder.appendingPathComponent("exercises"), workingDirectory: folder)
        let composedTyping = try workspace.start("caf\u{E9}-au-lait")
        #expect(throws: WorkbookError.self) { try workspace.start("cafe\u{301}-au-lait") }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("exercises").path)
        #expect(files.count == 1)
        #expect(composedTyping.lastPathComponent == files.first)
    }

    @Test func aTitleTooLongForAFileNameSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapters = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        let scaffold = Scaffold(folder: chapters, workingDirectory: folder)
        do {
            _ = try scaffold.newChapter(title: String(repeating: "long ", count: 80))
            Issue.record("a 400-character file name was accepted")
        } catch let error as WorkbookError {
            #expect(error.message.contains("the name is too long for a file"), "\(error)")
        }
    }
}
