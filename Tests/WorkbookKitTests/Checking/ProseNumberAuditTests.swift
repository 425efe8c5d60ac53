import Testing
@testable import WorkbookKit

/// `verify --strict` fails on a decimal in the prose that no check or output of the chapter holds,
/// unless a source said it or it was measured outside verify.
@Suite struct ProseNumberAuditTests {
    /// A chapter with one check (`loss ≈ 0.6931472`, a range and an exact list) and one output
    /// (`mean 2.4375`), with `prose` between its title and them.
    static func chapter(_ prose: String) throws -> Chapter {
        let text = """
            # T

            \(prose)

            ```swift
            let loss = 0.6931472, accuracy = 0.875, shape = [3, 4]
            print("mean 2.4375")
            ```

            ```output
            mean 2.4375
            ```

            ```expect
            loss ≈ 0.6931472
            accuracy in 0.85...0.905
            [loss, 0.001234] ≈ [0.6931472, 0.001234]
            sigmoid(0.125) ≈ 0.5312094
            ```
            """
        return try ChapterParser().parse(text, path: "chapters/04-t.md")
    }

    @Test(arguments: [
        ("The loss is 0.693.", []),                            // 0.6931472 to three places
        ("The loss is 0.6931.", []),
        ("The loss is 0.694.", ["0.694"]),                     // 0.6931472 rounds to 0.693
        ("The loss falls by $`-0.693`$.", []),                 // the sign is not compared
        ("Inline math: $`\\ell = 0.6931`$.", []),
        ("The mean is 2.4375, as printed.", []),               // an output's number
        ("Between 0.85 and 0.905 of the images.", []),         // a range's end; 0.85 has two digits
        ("It is 69.3% sure.", []),                             // a percentage of 0.693
        ("It is 69.3 % sure.", []),
        ("It is 69.4% sure.", ["69.4"]),
        ("At $`z = 0.125`$ the slope is given.", []),          // a number in a check's expression
        ("A gradient of $`1.234 \\cdot 10^{-3}`$.", []),
        ("A gradient of $`1.235 \\times 10^{-3}`$.", ["1.235"]),
        ("Plain 0.5, 0.25, 12 and 1.5 say little.", []),       // fewer than three significant digits
        ("The value 0.0198 has three digits.", ["0.0198"]),
        ("A version 2.15.0 is not a number, nor is 1.25x.", []),
        ("Code `let z = 0.123` is not prose.", []),
        ("Two claims: 0.123 and 0.456.", ["0.123", "0.456"]),
        ("Source 003 reports 0.123. We get 0.693.", []),      // the source's number
        ("We get 0.693. The sources report 0.0198.", []),
        ("The sources report 0.0198. We get 0.456.", ["0.456"]), // the next sentence is ours
        ("> Erratum: source 002 gives 0.408; it is 0.693.", []),
        ("> A quote that is not an erratum: 0.408.", ["0.408"]),
        ("- a list item says 0.407\n- another 0.693", ["0.407"]),
        ("## A heading with 0.409", ["0.409"]),
        ("| Run | Loss |\n| --- | --- |\n| one | 0.693 |\n| two | 0.555 |", ["0.555"]),
    ] as [(String, [String])])
    func findsUncheckedNumbers(prose: String, unchecked: [String]) throws {
        let warnings = ProseNumberAudit.warnings(for: try Self.chapter(prose))
        #expect(warnings.map { String($0.message.prefix { $0 != " " }) } == unchecked, "\(warnings)")
    }

    @Test func warnsAtTheNumbersLine() throws {
        let warnings = ProseNumberAudit.warnings(for: try Self.chapter("First line,\nsecond line 0.111,\n$`x = 1`$ third 0.222."))
        #expect(warnings.map { $0.location?.line } == [4, 5])
        #expect(warnings.first?.message.hasPrefix("0.111 in the prose is in no check or output of this chapter") == true)
    }

    @Test func measuredBlocksAreExemptAndVouchForTheirNumbers() throws {
        let prose = """
            <!-- workbook: measured -->

            | Epoch | Seconds |
            | --- | --- |
            | 1 | 5.43 |

            The first epoch took 5.43 s, but 7.89 s is new.
            """
        let chapter = try Self.chapter(prose)
        #expect(chapter.measuredBlocks == [1])
        let warnings = ProseNumberAudit.warnings(for: chapter)
        #expect(warnings.map { String($0.message.prefix { $0 != " " }) } == ["7.89"])
    }

    @Test func skippedChecksVouchForNothing() throws {
        let text = "# T\n\nIt is 0.693.\n\n```expect skip\nloss ≈ 0.6931472\n```\n"
        let chapter = try ChapterParser().parse(text, path: "chapters/04-t.md")
        #expect(ProseNumberAudit.warnings(for: chapter).count == 1)
    }

    @Test func strictVerifyFailsOnThem() throws {
        let chapter = try Self.chapter("A claim of 0.123.")
        let report = ChapterReport(path: chapter.path, chapter: chapter, results: [], problems: [], seconds: 0)
        #expect(VerifyReport(chapters: [report]).succeeded)
        let strict = VerifyReport(chapters: [report], strict: true)
        #expect(!strict.succeeded)
        #expect(strict.text.contains("chapters/04-t.md:3: warning: 0.123 in the prose is in no check or output of this chapter"))
    }
}
