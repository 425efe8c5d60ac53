import Testing
@testable import WorkbookKit

@Suite struct ComparisonTests {
    func difference(_ line: String, _ computed: ComputedValue) throws -> String? {
        let check = try ExpectationParser(file: "c.md").parseCheck(line, line: 1)
        switch check.comparison {
        case .approximately(let value, let tolerance):
            return ValueComparison.difference(expected: value, computed: computed, rule: .approximately(tolerance))
        case .exactly(let value):
            return ValueComparison.difference(expected: value, computed: computed, rule: .exactly)
        case .inRange(let low, let high):
            return ValueComparison.rangeDifference(computed: computed, low: low, high: high)
        }
    }

    @Test(arguments: [
        ("x ≈ 0.857", ComputedValue.number(0.857142857), true),
        ("x ≈ 0.857", .number(0.8576), false),
        ("x ≈ 0.857", .number(0.85749), true),
        ("x ≈ 0.3", .number(0.29999999999999993), true),
        ("x ≈ 0.300 ± 1%", .number(0.302), true),
        ("x ≈ 0.300 ± 1%", .number(0.304), false),
        ("x ≈ 2", .integer(2), true),
        ("x == 3", .integer(3), true),
        ("x == 0.3", .number(0.29999999999999993), false),
        ("x == 0.5", .number(0.5), true),
        ("x ≈ nan", .number(.nan), true),
        ("x ≈ nan", .number(1), false),
        ("x ≈ inf", .number(.infinity), true),
        ("x ≈ -inf", .number(.infinity), false),
        ("x == true", .bool(true), true),
        ("x == true", .integer(1), false),
        ("x == \"a\"", .string("a"), true),
        ("x in 0.8...0.9", .number(0.85), true),
        ("x in 0.8...0.9", .number(0.95), false),
        ("x in 0...1", .list([.number(0.2), .number(0.9)]), true),
        ("x ≈ [0.5, -0.45]", .list([.number(0.5), .number(-0.45000000000000001)]), true),
        ("x ≈ [[1, 2], [3, 4]]", .list([.list([.number(1), .number(2)]), .list([.number(3), .number(4)])]), true),
    ])
    func comparesValues(line: String, computed: ComputedValue, holds: Bool) throws {
        #expect(try difference(line, computed) == nil ? holds : !holds)
    }

    @Test func namesTheFirstDifferingElementAndTheDifference() throws {
        let problem = try #require(try difference("x ≈ [[1, 2], [3, 4]]", .list([.list([.number(1), .number(2)]), .list([.number(3), .number(4.75)])])))
        #expect(problem.contains("at index [1][1]"))
        #expect(problem.contains("difference 0.75"))
    }

    @Test func comparesShapesFirst() throws {
        let short = try #require(try difference("x ≈ [1, 2, 3]", .list([.number(1), .number(2)])))
        #expect(short.contains("expected 3 elements, computed 2"))
        let rows = try #require(try difference("x ≈ [[1, 2], [3, 4]]", .list([.list([.number(1), .number(2)]), .list([.number(3)])])))
        #expect(rows.contains("shapes differ at index [1]"))
        let scalar = try #require(try difference("x ≈ [1, 2]", .number(1)))
        #expect(scalar.contains("expected a list of 2, computed a number"))
    }

    @Test(arguments: [
        ("z = 0.300", "z = 0.29999999999999993", true),
        ("z = 0.30", "z = 0.3051", false),
        ("loss 1.944, acc 0.857", "loss 1.9443, acc 0.8571", true),
        ("epoch 3", "epoch 3", true),
        ("epoch 3", "epoch 4", false),
        ("weights: [0.5, -0.45]", "weights: [0.5, -0.45000000000000001]", true),
        ("hello", "hello   ", true),
        ("hello", "Hello", false),
        ("a\nb", "a\nb\n\n", true),
        ("a\nb", "a", false),
        ("x1 = 2", "x2 = 2", false),
        ("count: 10", "count: 10.0", false),
    ])
    func comparesPrintedOutput(expected: String, printed: String, holds: Bool) {
        #expect((OutputComparison.difference(expected: expected, printed: printed) == nil) == holds)
    }
}
