import Foundation
import Testing
@testable import WorkbookKit

/// The author's and reader's workflow: exercises checked both ways, the reader's attempts, the
/// scaffolding, the cache and the machine-readable reports. Compilers and processes are real.
@Suite struct WorkflowTests {
    /// A fresh folder, removed by the caller.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func exercisesAreCheckedBothWays() throws {
        let reports = try Verifier(packageRoot: Fixtures.packageRoot).verify(try Fixtures.entries("exercises"))
        let report = try #require(reports.first)
        #expect(report.count(.passed) == 2)
        #expect(report.count(.failed) == 0)
        #expect(report.problems.count == 1)
        let problem = try #require(report.problems.first)
        #expect(problem.location?.line == 25)
        #expect(problem.message.contains("`lazy-starter`: its starter already passes its checks"))
        #expect(!VerifyReport(chapters: reports).succeeded)
        // The chapter's line counts the problem as the total does.
        #expect(VerifyReport(chapters: reports).text.contains("01-exercises.md: 2 passed, 1 failed"))
        #expect(VerifyReport(chapters: reports).summary == "2 passed, 1 failed")
    }

    @Test func aReaderStartsAndChecksAnExercise() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = ExerciseWorkspace(
            chapters: try Fixtures.entries("exercises"), folder: folder.appendingPathComponent("exercises"),
            workingDirectory: folder)
        #expect(try workspace.exercises().map(\.exercise.name) == ["add-five", "lazy-starter"])

        let file = try workspace.start("add-five")
        #expect(workspace.attemptDisplayPath("add-five") == "exercises/add-five.swift")
        let starter = try String(contentsOf: file, encoding: .utf8)
        #expect(starter.hasSuffix("let total = 0\n"))
        #expect(throws: WorkbookError.self) { try workspace.start("add-five") }
        #expect(try String(contentsOf: file, encoding: .utf8) == starter)
        #expect(throws: WorkbookError.self) { try workspace.start("no-such-exercise") }

        let runner = try ChapterRunner.prepare(packageRoot: Fixtures.packageRoot)
        let failing = try workspace.check("add-five", runner: runner, timeout: 30)
        #expect(!failing.passed)
        #expect(failing.results.map(\.status) == [.failed])
        #expect(failing.results.first?.computed == "0")

        try Data("let total = base + 5\n".utf8).write(to: file)
        #expect(try workspace.check("add-five", runner: runner, timeout: 30).passed)

        try Data("// line 1\nlet total: Int = \"fifteen\"\n".utf8).write(to: file)
        let broken = try workspace.check("add-five", runner: runner, timeout: 30)
        #expect(!broken.passed)
        #expect(broken.problems.first?.location?.file == "exercises/add-five.swift")
        #expect(broken.problems.first?.location?.line == 2)

        try Data("// a shape mismatch, on line 2 of the reader's file\nlet total = Tensor([[1.0, 2.0]]).matmul(Tensor([[1.0, 2.0]])).item\n".utf8).write(to: file)
        let crashed = try workspace.check("add-five", runner: runner, timeout: 30)
        let crash = try #require(crashed.problems.first)
        #expect(crash.location?.file == "exercises/add-five.swift")
        #expect(crash.location?.line == 2)
        #expect(crash.message.contains("Tensor.matmul: shapes [1, 2] and [1, 2] do not chain (2 vs 1)"), "\(crash.message)")
    }

    /// An attempt runs the exercise's section and only the snippets before it that its answer may
    /// read: here the one that mutates `counter`, not the unrelated work around it.
    @Test func anAttemptRunsOnlyWhatItsAnswerNeeds() throws {
        let entries = try Fixtures.entries("pruning")
        let chapter = try ChapterParser().parse(try ChapterParser.readText(of: entries[0].url, displayPath: entries[0].displayPath), path: entries[0].displayPath)
        let exercise = try #require(chapter.exercises.first)
        let replacement = ChapterProgram.Replacement(code: "let answer = counter + 1\n", location: SourceLocation(file: "exercises/one-more.swift", line: 1))
        let program = ChapterProgram(chapter: chapter, exercise: exercise, replacement: replacement)
        #expect(program.source.contains("var counter = 10"))
        #expect(program.source.contains("counter += 1"))
        #expect(!program.source.contains("unrelatedWork"))

        let runner = try ChapterRunner.prepare(packageRoot: Fixtures.packageRoot)
        let attempt = try ExerciseAttempt.check(exercise, in: chapter, replacement: replacement, runner: runner, timeout: 30)
        #expect(attempt.passed, "\(attempt.problems) \(attempt.results)")
    }

    /// Verify runs each solution in the program a reader's answer runs in, so a chapter whose
    /// exercise depends on state the analysis cannot see (the environment) does not verify.
    @Test func aSolutionThatFailsInItsOwnProgramIsAnError() throws {
        let reports = try Verifier(packageRoot: Fixtures.packageRoot).verify(try Fixtures.entries("pruning"))
        #expect(reports.count == 2)
        #expect(reports[0].problems.isEmpty, "\(reports[0].problems)")
        #expect(reports[0].count(.passed) == 2)
        let problem = try #require(reports[1].problems.first)
        #expect(reports[1].problems.count == 1)
        #expect(problem.location?.line == 10)
        #expect(problem.message.contains("`read-it-back`: its solution fails in the program that checks a reader's answer"))
    }

    /// The loop around an attempt: the starter file says what to do, hints come one at a time,
    /// reset keeps the old attempt, progress is cached by content, and `next` finds what is left.
    @Test func theReadersLoop() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = ExerciseWorkspace(
            chapters: try Fixtures.entries("exercises"), folder: folder.appendingPathComponent("exercises"),
            workingDirectory: folder)
        let file = try workspace.start("add-five")
        let starter = try String(contentsOf: file, encoding: .utf8)
        #expect(starter.contains("// Store `base + 5` in `total`."))
        #expect(starter.contains("// Define: `total`"))
        #expect(starter.contains("// Check it:   swift run workbook check add-five"))

        #expect(try workspace.nextHint("add-five").text == "Hint: `base` is in scope.")
        let again = try workspace.nextHint("add-five")
        #expect(again.number == 1 && again.count == 1)

        let checker = try AttemptChecker(packageRoot: Fixtures.packageRoot)
        let entry = try workspace.exercise(named: "add-five")
        // A file name of its own, so that no earlier run's outcome is in the cache.
        let attemptName = "exercises/\(UUID().uuidString)/add-five.swift"
        let first = try checker.check(entry, code: "let total = base + 5\n", file: attemptName, timeout: 30)
        #expect(first.attempt.passed && !first.cached)
        let second = try checker.check(entry, code: "let total = base + 5\n", file: attemptName, timeout: 30)
        #expect(second.attempt.passed && second.cached)
        let changed = try checker.check(entry, code: "let total = base + 6\n", file: attemptName, timeout: 30)
        #expect(!changed.attempt.passed && !changed.cached)

        try Data("let total = base + 5\n".utf8).write(to: file)
        let progress = try workspace.progress(checker: checker)
        #expect(progress.map(\.state) == [.done, .notStarted])
        #expect(ExerciseWorkspace.summary(progress) == "1 of 2 done")
        #expect(ExerciseWorkspace.next(after: "add-five", in: progress)?.exercise.name == "lazy-starter")
        #expect(ExerciseWorkspace.next(after: nil, in: progress.map { .init(entry: $0.entry, state: .done) }) == nil)

        let backup = try workspace.reset("add-five")
        #expect(try String(contentsOf: backup, encoding: .utf8) == "let total = base + 5\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == starter)
        let secondBackup = try workspace.reset("add-five")
        #expect(secondBackup.lastPathComponent == "add-five-2.swift")
        #expect(throws: WorkbookError.self) { try workspace.reset("lazy-starter") }
    }

    @Test func scaffoldingMakesChaptersAndExercisesThatVerify() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapters = folder.appendingPathComponent("chapters")
        let scaffold = Scaffold(folder: chapters, workingDirectory: folder)
        let first = try scaffold.newChapter(title: "Getting started!")
        #expect(first.lastPathComponent == "01-getting-started.md")
        let second = try scaffold.newChapter(title: "Loss functions")
        #expect(second.lastPathComponent == "02-loss-functions.md")
        try scaffold.newExercise(name: "mean-error", chapterNumber: 2)
        #expect(throws: WorkbookError.self) { try scaffold.newExercise(name: "mean-error", chapterNumber: 1) }
        #expect(throws: WorkbookError.self) { try scaffold.newExercise(name: "Bad Name", chapterNumber: 1) }
        #expect(throws: WorkbookError.self) { try scaffold.newExercise(name: "x", chapterNumber: 9) }
        #expect(throws: WorkbookError.self) { try scaffold.newChapter(title: "  !! ") }

        let entries = try ChapterDiscovery.entries(for: [chapters.path], workingDirectory: folder)
        let reports = try Verifier(packageRoot: Fixtures.packageRoot).verify(entries)
        let summary = VerifyReport(chapters: reports)
        #expect(summary.succeeded, "\(summary.text)")
        #expect(summary.summary == "3 passed, 0 failed")
        #expect(reports[1].chapter?.exercises.map(\.name) == ["mean-error"])
    }

    @Test func resultsAreCachedAndOnlyChangedChaptersRunAgain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapters = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        let nonce = UUID().uuidString
        let one = chapters.appendingPathComponent("01-one.md")
        let two = chapters.appendingPathComponent("02-two.md")
        try Data("# One \(nonce)\n\n```swift\nlet a = 1\n```\n\n```expect\na == 1\n```\n".utf8).write(to: one)
        try Data("# Two \(nonce)\n\n```swift\nlet b = 2\n```\n\n```expect\nb == 2\n```\n".utf8).write(to: two)
        let entries = try ChapterDiscovery.entries(for: [chapters.path], workingDirectory: folder)
        let verifier = Verifier(packageRoot: Fixtures.packageRoot)

        #expect(try verifier.verify(entries).map(\.isCached) == [false, false])
        #expect(try verifier.verify(entries).map(\.isCached) == [true, true])

        try Data("# One \(nonce)\n\n```swift\nlet a = 3\n```\n\n```expect\na == 1\n```\n".utf8).write(to: one)
        let afterEdit = try verifier.verify(entries)
        #expect(afterEdit.map(\.isCached) == [false, true])
        #expect(afterEdit[0].count(.failed) == 1)

        #expect(try Verifier(packageRoot: Fixtures.packageRoot, usesCache: false).verify(entries).map(\.isCached) == [false, false])

        // A corrupt entry is ignored and rebuilt, never trusted.
        let toolchain = try Toolchain.locate(packageRoot: Fixtures.packageRoot)
        let text = try String(contentsOf: two, encoding: .utf8)
        let chapter = try ChapterParser().parse(text, path: entries[1].displayPath)
        let key = verifier.cacheKey(chapter: chapter, text: text, libraryKey: try LibraryBuilder(toolchain: toolchain).cacheKey())
        let entry = toolchain.workDirectory.appendingPathComponent("results/\(key).json")
        #expect(FileManager.default.fileExists(atPath: entry.path))
        try Data("{\"path\": \"forged\", \"results\": [".utf8).write(to: entry)
        let afterCorruption = try verifier.verify(entries)
        #expect(afterCorruption[1].isCached == false)
        #expect(afterCorruption[1].count(.passed) == 1)
    }

    /// A crash can come from the machine (a missing data file) rather than the chapter's text, so
    /// such a report is never cached: a fixed machine must not keep seeing the old failure.
    @Test func runsThatCrashAreNotCached() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapter = folder.appendingPathComponent("01-crash.md")
        let nonce = UUID().uuidString
        try Data("# Crash \(nonce)\n\n```swift\nlet values = [Int]()\nlet first = values[0]\n```\n\n```expect\nfirst == 0\n```\n".utf8).write(to: chapter)
        let entries = try ChapterDiscovery.entries(for: [chapter.path], workingDirectory: folder)
        let verifier = Verifier(packageRoot: Fixtures.packageRoot)
        #expect(try verifier.verify(entries).map(\.isCached) == [false])
        let again = try verifier.verify(entries)
        #expect(again.map(\.isCached) == [false])
        #expect(again.first?.problems.first?.message.contains("crashed") == true)
    }

    /// Two verifications at once share the library folder and the cache without harm.
    @Test func concurrentRunsAgree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nonce = UUID().uuidString
        for index in 1...3 {
            let text = "# C\(index) \(nonce)\n\n```swift\nlet v = \(index) * 2\n```\n\n```expect\nv == \(index * 2)\n```\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("0\(index)-c.md"))
        }
        let entries = try ChapterDiscovery.entries(for: [folder.path], workingDirectory: folder)
        let summaries = LockedArray<String>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { slot in
            let reports = try? Verifier(packageRoot: Fixtures.packageRoot, parallelism: 1).verify(entries)
            summaries[slot] = reports.map { VerifyReport(chapters: $0).summary } ?? "error"
        }
        #expect(summaries[0] == "3 passed, 0 failed")
        #expect(summaries[1] == "3 passed, 0 failed")
        let cached = try Verifier(packageRoot: Fixtures.packageRoot).verify(entries)
        #expect(cached.map(\.isCached) == [true, true, true])
    }

    @Test func reportsForMachines() throws {
        let reports = try Fixtures.failingReports.get()
        let report = VerifyReport(chapters: reports)
        let json = ReportFormat.json.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["passed"] == report.passed)
        #expect(summary["failed"] == report.failed)
        let chapters = try #require(object["chapters"] as? [[String: Any]])
        let wrong = try #require(chapters.first { ($0["path"] as? String)?.hasSuffix("01-wrong-value.md") == true })
        let checks = try #require(wrong["checks"] as? [[String: Any]])
        #expect(checks.count == 3)
        #expect(checks[1]["line"] as? Int == 9)
        #expect(checks[1]["status"] as? String == "failed")
        #expect(checks[1]["computed"] as? String == "[0.5, 0.25, 0.125]")
        #expect(checks[0]["seconds"] is Double)

        let junit = ReportFormat.junit.render(report)
        #expect(junit.hasPrefix("<?xml"))
        #expect(junit.contains("failures=\"\(report.failed)\""))
        #expect(junit.contains("<testcase classname=\""))
        #expect(junit.components(separatedBy: "<testsuite ").count - 1 == reports.count)
        #expect(!junit.contains("\u{1B}"))

        #expect(ReportFormat.text.render(report, colored: true).contains("\u{1B}[31m"))
        #expect(!ReportFormat.text.render(report).contains("\u{1B}"))
    }

    @Test func theWatcherSeesChangedAddedAndRemovedFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("01-a.md")
        try Data("# A\n".utf8).write(to: file)
        var watcher = ChangeWatcher(roots: [folder])
        #expect(watcher.changes().isEmpty)
        try Data("# A, longer\n".utf8).write(to: file)
        #expect(watcher.changes() == [file.path])
        let added = folder.appendingPathComponent("02-b.md")
        try Data("# B\n".utf8).write(to: added)
        #expect(watcher.changes() == [added.path])
        try FileManager.default.removeItem(at: added)
        #expect(watcher.changes() == [added.path])
        #expect(watcher.changes().isEmpty)
    }
}
