import Testing
@testable import WorkbookKit

/// Numbers in reports (tolerances, ranges, time limits, seconds) are written with the fewest digits
/// that give the value back, and without an exponent below a million (20, not 2e+01).
@Suite struct CompactNumberTests {
    @Test(arguments: [
        (20.0, "20"), (60.0, "60"), (100.0, "100"), (120.0, "120"), (21.0, "21"), (2.5, "2.5"),
        (0.0005, "0.0005"), (0.1 + 0.2, "0.3"), (1e-12, "1e-12"), (1e20, "1e+20"), (0.0, "0"),
        (-30.0, "-30"), (0.0001, "0.0001"), (250000.0, "250000"), (1e9, "1e+09"), (1e12, "1e+12"), (123456789012.0, "123456789012"),
    ])
    func compactWriting(value: Double, expected: String) {
        #expect(ChapterEvaluator.compact(value) == expected)
    }
}
