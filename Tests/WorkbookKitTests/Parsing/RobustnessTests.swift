import Foundation
import Testing
@testable import WorkbookKit

/// Property tests: whatever the input, the chapter parser and the check grammar answer with a
/// chapter or with errors that name a line inside the file, and never crash.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure can be reproduced from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// Parses `text` and checks the property; returns the errors.
    @discardableResult
    func parseNeverCrashes(_ text: String) -> [WorkbookError] {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            _ = try ChapterParser().parse(text, path: "fuzz.md")
            return []
        } catch let problems as ChapterProblems {
            #expect(!problems.errors.isEmpty)
            for error in problems.errors {
                let line = error.location?.line ?? 0
                #expect(error.location?.file == "fuzz.md")
                #expect(line >= 1 && line <= max(1, lineCount), "line \(line) of \(lineCount): \(error)")
            }
            return problems.errors
        } catch {
            Issue.record("unexpected error type: \(error)")
            return []
        }
    }

    static let fragments = [
        "# Title\n", "## Exercise: thing\n", "```swift\n", "```swift hidden norun\n", "```expect\n", "```output\n",
        "```math\n", "```\n", "````\n", "~~~\n", "let x = 1\n", "x ≈ 0.5\n", "x == [1, [2\n", "x in 3...1\n",
        "> Hint: h\n", "- item\n", "  - nested\n", "    ```swift\n", "$`a`$ text\n", "\n", "<!-- workbook: timeout 3 -->\n",
        "```swift starter\n", "```swift solution\n", "\"unterminated\n", "\u{0}\u{7F}\n", "é ≈ ∞\n", "#\n",
    ]

    @Test(arguments: 0..<200)
    func randomChaptersFromFragments(seed: Int) {
        var generator = Generator(state: UInt64(seed))
        var text = ""
        for _ in 0..<(1 + generator.below(40)) {
            text += Self.fragments[generator.below(Self.fragments.count)]
        }
        parseNeverCrashes(text)
    }

    @Test(arguments: 0..<50)
    func randomBytes(seed: Int) {
        var generator = Generator(state: UInt64(seed) &+ 1000)
        let bytes = (0..<(generator.below(4000))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        parseNeverCrashes(String(decoding: bytes, as: UTF8.self))
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).md")
        try Data("# T\n\nfine\n".utf8 + [0xFF, 0xFE] + Data("\n".utf8)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            _ = try ChapterParser().parse(contentsOf: url, displayPath: "bad.md")
        } throws: { error in
            (error as? ChapterProblems)?.errors.first?.location == SourceLocation(file: "bad.md", line: 4)
        }
    }

    @Test func unterminatedFencesAtTheEnd() {
        for fence in ["```swift\nlet a = 1", "```expect\n1 == 1\n", "~~~swift\n", "```"] {
            let errors = parseNeverCrashes("# T\n\n" + fence)
            #expect(errors.contains { $0.message.contains("never closed") }, "\(fence)")
        }
    }

    @Test(arguments: [("> ", 10_000), ("- ", 5_000), ("1. ", 3_000)])
    func deeplyNestedContainers(marker: String, depth: Int) {
        var text = "# T\n\n"
        for level in 0..<depth {
            text += String(repeating: " ", count: level * (marker == "> " ? 0 : marker.count)) + (marker == "> " ? String(repeating: "> ", count: level + 1) : marker) + "x\n"
        }
        let errors = parseNeverCrashes(text)
        #expect(errors.contains { $0.message.contains("nested this deep") })
    }

    @Test func aHugeChapterParses() throws {
        var text = "# Huge\n\n"
        for index in 0..<20_000 {
            text += "Paragraph \(index) with $`x_\(index)`$.\n\n```swift\nlet v\(index) = \(index)\n```\n\n```expect\nv\(index) == \(index)\n```\n\n"
        }
        let chapter = try ChapterParser().parse(text, path: "huge.md")
        #expect(chapter.snippets.count == 20_000)
        #expect(chapter.checks.last?.line == 20_000 * 10)
    }

    @Test(arguments: 0..<300)
    func randomCheckLines(seed: Int) {
        var generator = Generator(state: UInt64(seed) &+ 99)
        let pieces = ["x", " ", "≈", "~=", "==", " in ", "...", "[", "]", ",", "\"", "#", "±", "%", "1", "-", "e", ".", "nan", "true", "{", "}", "(", ")", "\\"]
        let line = (0..<(1 + generator.below(20))).map { _ in pieces[generator.below(pieces.count)] }.joined()
        do {
            let checks = try ExpectationParser(file: "f.md").parse(line, firstLine: 5, firstIndex: 0)
            #expect(checks.allSatisfy { $0.line == 5 && !$0.expression.isEmpty })
        } catch let error as WorkbookError {
            #expect(error.location == SourceLocation(file: "f.md", line: 5))
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }
}
