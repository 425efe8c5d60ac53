import Testing
@testable import WorkbookKit

/// `verify --strict` fails on `≈` checks that allow more than 1 % of a non-zero expected value.
@Suite struct ToleranceAuditTests {
    @Test(arguments: [
        ("dZ2DA1 ≈ -1", true),              // ± 0.5: half the value
        ("reluZ ≈ 0.01", true),             // ± 0.005
        ("z ≈ 0.857", false),               // ± 0.0005, 0.06 %
        ("z ≈ -1 ± 1e-12", false),
        ("z ≈ 2 ± 5%", true),
        ("z ≈ 2 ± 1%", false),
        ("v ≈ [0.5, 0.25]", true),          // 0.25 ± 0.005 is 2 %
        ("v ≈ [0.5000000, 0.2500000]", false),
        ("v ≈ [0, 1e-9] ± 1e-12", false),   // zero has no relative size
        ("z ≈ 0", false),
        ("z == 1", false),                  // exact
        ("loss in 0.3...0.7", false),       // ranges state what training may reach
    ])
    func findsWeakChecks(line: String, weak: Bool) throws {
        let chapter = try ChapterParser().parse("# T\n\n```expect\n\(line)\n```\n", path: "chapters/01-t.md")
        let warnings = ToleranceAudit.warnings(for: chapter)
        #expect(warnings.count == (weak ? 1 : 0), "\(warnings)")
        if weak { #expect(warnings.first?.location?.line == 4) }
    }

    @Test func strictReportsFailOnWarnings() throws {
        let chapter = try ChapterParser().parse("# T\n\n```expect\nz ≈ -1\n```\n", path: "chapters/01-t.md")
        let report = ChapterReport(path: chapter.path, chapter: chapter, results: [], problems: [], seconds: 0)
        #expect(VerifyReport(chapters: [report]).succeeded)
        let strict = VerifyReport(chapters: [report], strict: true)
        #expect(!strict.succeeded)
        #expect(strict.text.contains("chapters/01-t.md:4: warning: `z` ≈ -1 allows ± 0.5, 50 % of the value"))
        #expect(strict.summary == "0 passed, 0 failed, 1 warning (--strict: they fail)")
    }
}
