import Testing
@testable import WorkbookKit

@Suite struct ChapterParserTests {
    let parser = ChapterParser()

    func problems(_ text: String) -> [WorkbookError] {
        do {
            _ = try parser.parse(text, path: "chapters/09-test.md")
            return []
        } catch let problems as ChapterProblems {
            return problems.errors
        } catch {
            return [WorkbookError("unexpected \(error)", at: nil)]
        }
    }

    @Test func readsBlocksInOrderWithTheirLines() throws {
        let text = """
            # The title

            Intro with $`z = w \\cdot x`$ math.

            ```swift
            let a = 1
            ```

            ```expect
            a == 1
            a ≈ 1.0   # a comment
            ```

            ```math
            \\sigma(z)
            ```

            ```swift hidden
            print(a)
            ```

            ```output
            1
            ```
            """
        let chapter = try parser.parse(text, path: "chapters/09-test.md")
        #expect(chapter.title == "The title")
        #expect(chapter.number == 9)
        #expect(chapter.snippets.map(\.fenceLine) == [5, 18])
        #expect(chapter.snippets.map(\.firstCodeLine) == [6, 19])
        #expect(chapter.snippets[1].attributes == [.hidden])
        #expect(chapter.checks.map(\.line) == [10, 11])
        #expect(chapter.checks.map(\.index) == [0, 1])
        #expect(chapter.outputs.map(\.fenceLine) == [22])
        #expect(chapter.outputs[0].snippetIndex == 1)
        #expect(chapter.blocks.contains(.math(tex: "\\sigma(z)\n", line: 14)))
        guard case .prose(let paragraph) = chapter.blocks[1] else {
            Issue.record("expected a paragraph")
            return
        }
        #expect(paragraph.children.map(\.kind) == [.text, .math, .text])
        #expect(paragraph.children[1].literal == "z = w \\cdot x")
        #expect(paragraph.children[0].literal == "Intro with ")
    }

    @Test(arguments: [
        ("# T\n\n```swift fast\nlet a = 1\n```\n", 3, "unknown attribute `fast`"),
        ("# T\n\n```expect loud\n1 == 1\n```\n", 3, "unknown attribute `loud`"),
        ("# T\n\ntext\n\n```swift\nlet a = 1\n", 5, "never closed"),
        ("No title here\n", 1, "level-1 heading"),
        ("# T\n\n```output\nx\n```\n", 3, "must follow a swift snippet"),
        ("# T\n\n```swift norun\nprint(1)\n```\n\n```output\n1\n```\n", 7, "does not run"),
        ("# T\n\n```expect\n1 == 1\nnot a check\n```\n", 5, "expected `EXPR"),
        ("# T\n\n```expect\n```\n", 3, "no checks"),
        ("# T\n\n- item\n\n  ```swift\n  let a = 1\n  ```\n", 5, "top level"),
        ("# T\n\n```swift solution\nlet a = 1\n```\n", 3, "belongs in an `Exercise:` section"),
        ("# T\n\n<!-- workbook: speed 3 -->\n", 3, "unknown workbook directive"),
        ("# T\n\n<!-- workbook: timeout inf -->\n", 3, "the time limit must be a number of seconds above 0"),
        ("# T\n\n<!-- workbook: timeout nan -->\n", 3, "the time limit must be a number of seconds above 0"),
        ("# T\n\n<!-- workbook: timeout 0 -->\n", 3, "the time limit must be a number of seconds above 0"),
        ("# T\n\n<!-- workbook: measured -->\n", 3, "nothing follows"),
        ("# T\n\n<!-- workbook: measured -->\n\n## Results\n", 3, "not a heading"),
        ("# T\n\n<!-- workbook: measured -->\n\n```swift\nlet a = 1\n```\n", 3, "not a code block"),
        ("# T\n\n<!-- workbook: measured -->\n<!-- workbook: measured -->\n\nText.\n", 4, "follows another `measured`"),
        ("# T\n\n## Exercise: Sum {#sum}\n\n```swift solution\nlet s = 1\n```\n\n```expect\ns == 1\n```\n", 3, "no hint"),
        ("# T\n\n## Exercise: Sum\n\n> Hint: add.\n\n```swift starter\nlet s = 0\n```\n\n```swift solution\nlet s = 1\n```\n\n```expect\ns == 1\n```\n", 3, "needs its name"),
        ("# T\n\n## Exercise: Sum {#Big Sum}\n\n> Hint: add.\n\n```swift starter\nlet s = 0\n```\n\n```swift solution\nlet s = 1\n```\n\n```expect\ns == 1\n```\n", 3, "must be lower-case letters and digits"),
    ])
    func reportsProblemsAtTheirLine(text: String, line: Int, message: String) {
        let found = problems(text)
        #expect(found.contains { $0.location?.line == line && $0.message.contains(message) }, "\(found)")
        #expect(found.allSatisfy { $0.location?.file == "chapters/09-test.md" })
    }

    @Test func collectsEveryProblemOfAChapter() {
        let found = problems("# T\n\n```swift fast\n```\n\n```expect\nnope\n```\n")
        #expect(found.count == 2)
        #expect(found.map { $0.location?.line } == [3, 7])
        #expect(found[0].description.hasPrefix("chapters/09-test.md:3: error: "))
    }

    @Test func readsAnExercise() throws {
        let text = """
            # T

            ## Exercise: Dot product by hand, retitled {#dot-product-by-hand}

            Compute it.

            > Hint: multiply and add.

            ```swift starter
            let answer = 0
            ```

            ```swift solution
            let answer = 3
            ```

            ```expect
            answer == 3
            ```

            ## After

            ```expect
            1 == 1
            ```
            """
        let chapter = try parser.parse(text, path: "c.md")
        #expect(chapter.exercises.count == 1)
        let exercise = try #require(chapter.exercises.first)
        #expect(exercise.name == "dot-product-by-hand")
        #expect(exercise.title == "Dot product by hand, retitled")
        #expect(exercise.task == ["Compute it."])
        guard case .prose(let heading) = chapter.blocks[exercise.blockRange.lowerBound] else {
            Issue.record("the section does not start with its heading")
            return
        }
        #expect(heading.plainText == "Exercise: Dot product by hand, retitled")
        #expect(exercise.line == 3)
        #expect(exercise.hints == ["Hint: multiply and add."])
        #expect(exercise.starterSnippet == 0)
        #expect(exercise.solutionSnippet == 1)
        #expect(exercise.checkIndices == [0])
        #expect(chapter.snippets[0].runs == false)
        #expect(chapter.snippets[1].runs == true)
    }

    @Test func readsTheTimeoutDirective() throws {
        let chapter = try parser.parse("# T\n\n<!-- workbook: timeout 120 -->\n", path: "c.md")
        #expect(chapter.timeout == 120)
    }

    @Test func longerFencesHoldShorterOnes() throws {
        let chapter = try parser.parse("# T\n\n````swift\nlet s = \"```\"\n````\n", path: "c.md")
        #expect(chapter.snippets.first?.code == "let s = \"```\"\n")
    }

    @Test(arguments: [("01-perceptron.md", 1), ("12-x.md", 12), ("intro.md", nil)] as [(String, Int?)])
    func numbersChaptersByTheirFileName(name: String, number: Int?) {
        #expect(ChapterParser.chapterNumber(fileName: name) == number)
    }
}
