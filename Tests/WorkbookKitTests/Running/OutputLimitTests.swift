import Foundation
import Testing
@testable import WorkbookKit

/// Output past the limit fails the chapter whether the program was stopped during the flood or got
/// to its end first: the regression of a flaky fixture (`failing/11-flooding-output.md` passed its
/// check when the program finished between two polls).
@Suite struct OutputLimitTests {
    /// A process that prints past the limit and exits at once is reported as cut, every time.
    @Test func aFastFloodIsCutEvenWhenTheProgramExitsFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flood-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("stdout")
        for _ in 0..<5 {
            let outcome = try ProcessRunner.run(
                URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "head -c 3000 /dev/zero"], outputFile: output,
                timeout: 30, outputLimit: 1000)
            #expect(outcome.outputCut)
            #expect(!outcome.succeeded)
        }
    }

    /// Records made after standard output passed the limit do not count.
    @Test func recordsPastTheLimitAreIgnored() {
        let key = #""key":"beef""#
        let lines = [
            #"{"begin":"snippet","id":0,"stdout":0,\#(key)}"#,
            #"{"begin":"check","id":0,"stdout":5000,\#(key)}"#,
            #"{"value":{"i":"1"},"id":0,"seconds":0,"stdout":5000,\#(key)}"#,
            #"{"end":true,"stdout":5000,\#(key)}"#,
        ]
        var run = ChapterRun()
        run.ending = .outputCut(1000)
        run.read(records: lines.joined(separator: "\n"), standardOutput: Data(count: 1000), key: 0xBEEF)
        #expect(run.evaluations.isEmpty)
        #expect(run.lastReached == .snippet(0))
        #expect(run.ending == .outputCut(1000))
    }
}
