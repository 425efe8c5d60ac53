import Testing
@testable import WorkbookKit

@Suite struct ExpectationParserTests {
    let parser = ExpectationParser(file: "chapters/02-x.md")

    @Test(arguments: [
        ("z ≈ 0.857", "z", Check.Comparison.approximately(.number(0.857, literal: "0.857"), .fromDigits)),
        ("z ~= 0.857", "z", .approximately(.number(0.857, literal: "0.857"), .fromDigits)),
        ("f(x, y) ≈ -1.5e-3 ± 0.001", "f(x, y)", .approximately(.number(-0.0015, literal: "-1.5e-3"), .absolute(0.001))),
        ("v ≈ [1, 2] +- 0.5", "v", .approximately(.list([.number(1, literal: "1"), .number(2, literal: "2")]), .absolute(0.5))),
        ("m ≈ [[1, 2], [3, 4]] ± 1%", "m", .approximately(.list([.list([.number(1, literal: "1"), .number(2, literal: "2")]), .list([.number(3, literal: "3"), .number(4, literal: "4")])]), .relative(0.01))),
        ("n == 3", "n", .exactly(.number(3, literal: "3"))),
        ("Int(\"x\") == nil", "Int(\"x\")", .exactly(.null)),
        ("first! == 2", "first!", .exactly(.number(2, literal: "2"))),
        ("flag == true", "flag", .exactly(.bool(true))),
        ("name == \"a # b\"", "name", .exactly(.string("a # b"))),
        ("a == b == false", "a == b", .exactly(.bool(false))),
        ("xs.filter { $0 == 1 }.count == 2", "xs.filter { $0 == 1 }.count", .exactly(.number(2, literal: "2"))),
        ("acc in 0.8...0.95", "acc", .inRange(low: 0.8, high: 0.95)),
        ("xs.map { x in x * 2 }.count in 1...3", "xs.map { x in x * 2 }.count", .inRange(low: 1, high: 3)),
        ("loss ≈ inf", "loss", .approximately(.number(.infinity, literal: "inf"), .fromDigits)),
        ("a != b == true", "a != b", .exactly(.bool(true))),
    ])
    func parsesEachForm(line: String, expression: String, comparison: Check.Comparison) throws {
        let check = try parser.parseCheck(line, line: 7)
        #expect(check.expression == expression)
        #expect(check.line == 7)
        #expect(check.expressionColumn == 1)
        if case .approximately(.number(let value, _), _) = comparison, value.isNaN { return }
        #expect(check.comparison == comparison)
    }

    @Test func nanIsAValue() throws {
        let check = try parser.parseCheck("x ≈ nan", line: 1)
        guard case .approximately(.number(let value, let literal), _) = check.comparison else {
            Issue.record("expected a number")
            return
        }
        #expect(value.isNaN)
        #expect(literal == "nan")
    }

    @Test func commentsAndBlankLinesAreIgnored() throws {
        let checks = try parser.parse("# a comment\n\nx == 1   # why\n  y ≈ 2\n", firstLine: 10, firstIndex: 5)
        #expect(checks.map(\.line) == [12, 13])
        #expect(checks.map(\.index) == [5, 6])
        #expect(checks.map(\.expression) == ["x", "y"])
        #expect(checks[1].expressionColumn == 3)
    }

    @Test(arguments: [
        ("just an expression", "expected `EXPR"),
        ("z ≈≈ 1.5", "cannot end with `≈`"),
        ("z == == 1", "cannot end with `=`"),
        ("≈ 3", "needs an expression"),
        ("x ≈", "needs a value"),
        ("x ≈ [1, 2", "expected `,` or `]`"),
        ("x ≈ 1 ± ", "non-negative number"),
        ("x ≈ 1 ± -2", "non-negative number"),
        ("x ≈ 1 wat", "unexpected `wat`"),
        ("x == \"open", "not closed"),
        ("x in 3...1", "above its high end"),
        ("x in 1..<3", "three dots"),
        ("x == maybe", "cannot read a value"),
    ])
    func badLinesNameTheirLine(line: String, message: String) {
        #expect {
            _ = try parser.parse(line, firstLine: 42, firstIndex: 0)
        } throws: { error in
            guard let error = error as? WorkbookError else { return false }
            return error.location == SourceLocation(file: "chapters/02-x.md", line: 42) && error.message.contains(message)
        }
    }

    @Test(arguments: [
        ("0.857", 0.0005), ("1.944", 0.0005), ("0.01", 0.005), ("3", 0.5), ("-12", 0.5),
        ("4.9000000005", 5e-11), ("1.5e-3", 5e-5), ("2E2", 50), ("0.100", 0.0005),
    ])
    func implicitToleranceComesFromTheDigits(literal: String, bound: Double) {
        #expect(abs(Tolerance.implicitBound(of: literal) - bound) <= bound * 1e-12)
    }
}
