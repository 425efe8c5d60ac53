import Foundation
import Testing
@testable import WorkbookKit

/// End-to-end tests: fixture chapters compiled by the real Swift compiler and run.
@Suite struct RunnerTests {
    func report(_ reports: Result<[ChapterReport], Error>, _ name: String) throws -> ChapterReport {
        let all = try reports.get()
        return try #require(all.first { $0.path.hasSuffix(name) }, "no report for \(name)")
    }

    @Test func aPassingBookPasses() throws {
        let reports = try Fixtures.passingReports.get()
        #expect(reports.map { ($0.path as NSString).lastPathComponent } == ["01-arithmetic.md", "02-second.md", "03-optionals-and-literals.md"])
        let summary = VerifyReport(chapters: reports)
        #expect(summary.succeeded)
        #expect(summary.summary == "14 passed, 0 failed, 1 skipped, 2 warnings")
        #expect(summary.text.split(separator: "\n").last == "14 passed, 0 failed, 1 skipped, 2 warnings")
    }

    @Test func computedValuesTravelWithTheResults() throws {
        let arithmetic = try report(Fixtures.passingReports, "01-arithmetic.md")
        let first = try #require(arithmetic.results.first { $0.expression == "product" })
        #expect(first.computed == "3.0")
        #expect(first.location.line == 17)
        let output = try #require(arithmetic.results.first { $0.expression == "output" })
        #expect(output.computed == "product: 3.0\n")
        #expect(output.status == .passed)
    }

    @Test func aWrongValueFailsAtItsLineWithTheDifference() throws {
        let chapter = try report(Fixtures.failingReports, "01-wrong-value.md")
        #expect(chapter.count(.passed) == 1)
        #expect(chapter.count(.failed) == 2)
        let vector = try #require(chapter.results.first { $0.location.line == 9 })
        #expect(vector.status == .failed)
        #expect(vector.detail?.contains("at index [1]") == true)
        let text = VerifyReport.describe(vector)
        #expect(text.hasPrefix(chapter.path + ":9: error: check failed: values"))
        #expect(text.contains("computed: [0.5, 0.25, 0.125]"))
        let relative = try #require(chapter.results.first { $0.location.line == 10 })
        #expect(relative.expected == "0.6 ± 0.006")
        // A scalar's expected and computed values are printed once each, then only the gap.
        let scalar = VerifyReport.describe(relative)
        #expect(scalar.components(separatedBy: "0.5").count == 2, "\(scalar)")
        #expect(scalar.hasSuffix("    off by -0.1, more than the ± 0.006 allowed"), "\(scalar)")
    }

    @Test func aCompileErrorIsReportedAtItsMarkdownLine() throws {
        let chapter = try report(Fixtures.failingReports, "02-compile-error.md")
        let error = try #require(chapter.problems.first)
        #expect(error.location?.file == chapter.path)
        #expect(error.location?.line == 5)
        #expect(error.location?.column == 19)
        #expect(error.description.hasPrefix(chapter.path + ":5:19: error: "))
        #expect(chapter.count(.failed) == 1)
    }

    @Test func anUncheckableTypeIsACompileErrorAtTheCheck() throws {
        let chapter = try report(Fixtures.failingReports, "06-uncheckable.md")
        let error = try #require(chapter.problems.first)
        #expect(error.location?.line == 8)
        #expect(error.location?.column == 1)
        #expect(error.message.contains("a check cannot compare a value of type '(Double, Double)'"), "\(error.message)")
    }

    /// A crash used to be reported at its snippet's first line; the runtime's stack trace, mapped
    /// back through `#sourceLocation`, gives the line where it happened.
    @Test func aTrapIsReportedAtTheLineWhereItHappened() throws {
        let chapter = try report(Fixtures.failingReports, "03-trap.md")
        #expect(chapter.count(.passed) == 1)
        let problem = try #require(chapter.problems.first)
        #expect(problem.location?.line == 13)
        #expect(problem.message.contains("crashed"))
        #expect(problem.message.contains("Index out of range"))
        let unreached = try #require(chapter.results.first { $0.location.line == 17 })
        #expect(unreached.status == .failed)
        #expect(unreached.detail?.contains("stopped at line 13") == true)
    }

    @Test func fatalErrorMessagesNameTheirLine() throws {
        let chapter = try report(Fixtures.failingReports, "07-fatal-error.md")
        let problem = try #require(chapter.problems.first)
        #expect(problem.location?.line == 5)
        #expect(problem.message.contains("07-fatal-error.md:5: Fatal error: the snippet gave up"))
    }

    /// The libraries are built with -O, which drops precondition messages unless the assert
    /// configuration is Debug; the reader gets the library's message at the line that called it.
    @Test func aShapeMismatchIsReportedAtItsLineWithTheLibrarysMessage() throws {
        let chapter = try report(Fixtures.failingReports, "12-shape-mismatch.md")
        let problem = try #require(chapter.problems.first)
        #expect(problem.location?.file == "Tests/WorkbookKitTests/Fixtures/failing/12-shape-mismatch.md")
        #expect(problem.location?.line == 6)
        #expect(problem.message.contains("Tensor.matmul: shapes [1, 3] and [2, 2] do not chain (3 vs 2)"), "\(problem.message)")
    }

    @Test func aHangIsStoppedByTheTimeLimit() throws {
        let chapter = try report(Fixtures.failingReports, "04-hang.md")
        let problem = try #require(chapter.problems.first)
        #expect(problem.location?.line == 3)
        #expect(problem.message.contains("did not finish within 5 s"))
    }

    @Test func printedTextCannotForgeAResult() throws {
        let chapter = try report(Fixtures.failingReports, "05-forged-output.md")
        let check = try #require(chapter.results.first)
        #expect(check.status == .failed)
        #expect(check.computed == "41")
    }

    /// A check before the declaration it reads used to pass: a top-level global read before its
    /// initialisation is zero (and an array or a string crashes).
    @Test func aUseBeforeTheDeclaringSnippetIsACompileErrorAtTheCheck() throws {
        let chapter = try report(Fixtures.failingReports, "08-use-before-declaration.md")
        #expect(chapter.count(.passed) == 0)
        let places = chapter.problems.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(places == ["4:1", "5:1"])
        #expect(chapter.problems.first?.message.contains("`laterCount` is used before the snippet that declares it") == true)
        #expect(chapter.problems.last?.message.contains("`laterNames`") == true)
    }

    /// Snippet code can name the recorder, but not with the run's key.
    @Test func aSnippetCallingTheRecorderItselfIsRejected() throws {
        let chapter = try report(Fixtures.failingReports, "09-direct-recording.md")
        #expect(chapter.count(.passed) == 0)
        let problem = try #require(chapter.problems.first)
        #expect(problem.message.contains("results were rejected"))
        #expect(problem.message.contains("without the run's key"))
    }

    @Test func aProcessASnippetStartsDiesWithTheRun() throws {
        let chapter = try report(Fixtures.failingReports, "10-escaping-process.md")
        let check = try #require(chapter.results.first)
        #expect(check.status == .passed)
        let pid = try #require(Int32(check.computed ?? ""), "the fixture reports the sleeper's pid")
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        #expect(stat.isEmpty || state == "Z", "the snippet's `sleep 1000` (pid \(pid)) is still running: \(stat)")
    }

    @Test func floodingOutputIsCutAtTheLimit() throws {
        let chapter = try report(Fixtures.failingReports, "11-flooding-output.md")
        let problem = try #require(chapter.problems.first)
        #expect(problem.message.contains("output cut at 1 MB"))
        #expect(problem.location?.line == 3)
        #expect(chapter.count(.passed) == 0)
    }

    @Test func theSummaryCountsEveryCheckAndFails() throws {
        let summary = VerifyReport(chapters: try Fixtures.failingReports.get())
        #expect(!summary.succeeded)
        #expect(summary.summary == "3 passed, 14 failed, 2 warnings")
    }

    @Test func chapterFilesAreFoundInNumberOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["10-ten.md", "2-two.md", "notes.txt", "01-one.md"] {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("# x\n".utf8))
        }
        let entries = try ChapterDiscovery.entries(for: [folder.path], workingDirectory: folder)
        #expect(entries.map(\.displayPath) == ["01-one.md", "2-two.md", "10-ten.md"])
        #expect(throws: WorkbookError.self) {
            try ChapterDiscovery.entries(for: ["/no/such/folder"], workingDirectory: folder)
        }
    }
}
