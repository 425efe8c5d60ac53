import Testing
@testable import WorkbookKit

/// Which earlier snippets an exercise's program keeps: everything its answer may read, through
/// mutation and aliasing, and nothing else.
@Suite struct SnippetDependenciesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var snippets: [String]
        var seeds: Set<String>
        var kept: Set<Int>
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unrelated work is left out", snippets: ["let data = 1", "let slow = train(epochs: 30)"], seeds: ["data"], kept: [0]),
        Case(label: "a snippet that mutates a needed variable is kept", snippets: ["var total = 0", "total += 5", "let other = 3"], seeds: ["total"], kept: [0, 1]),
        Case(label: "a mutation through an alias is kept", snippets: ["let box = Box()", "let alias = box", "alias.add(1)"], seeds: ["box"], kept: [0, 1, 2]),
        Case(label: "a mutation before the alias is declared is kept", snippets: ["let box = Box()", "box.add(1)", "let alias = box"], seeds: ["alias"], kept: [0, 1, 2]),
        Case(label: "an import is kept; what it mentions only needs declaring", snippets: ["import Foo\nlet data = load()", "let model = train(data)", "var list = [1]", "list.append(2)"], seeds: ["answer"], kept: [0]),
        Case(label: "an extension's names need their declarations, transitively", snippets: ["let a = 1", "let b = a + 1", "extension Int { var big: Int { self + b } }", "let c = 4"], seeds: [], kept: [0, 1, 2]),
        Case(label: "an operator function is kept", snippets: ["func + (l: P, r: P) -> P { l }", "let x = 1"], seeds: [], kept: [0]),
        Case(label: "a name after a comma is declared", snippets: ["let first = 1, second = 2", "let third = 3"], seeds: ["second"], kept: [0]),
        Case(label: "a name in a tuple pattern is declared", snippets: ["let (low, high) = (1, 2)", "let mid = 3"], seeds: ["high"], kept: [0]),
        Case(label: "a word in a comment is no mention", snippets: ["let data = 1", "// uses data\nlet slow = 2"], seeds: ["data"], kept: [0]),
        Case(label: "a member is no mention of a top-level name", snippets: ["let count = 3", "let n = [1].count"], seeds: ["n"], kept: [1]),
        Case(label: "an interpolation is a mention", snippets: ["var total = 1", "let label = \"\\(total)\""], seeds: ["label"], kept: [0, 1]),
        Case(label: "an argument label is no mention", snippets: ["let cell = 1", "let state = State(hidden: 0, cell: 2)"], seeds: ["state"], kept: [1]),
        Case(label: "a dictionary key is a mention", snippets: ["let key = \"a\"", "let table = [\"b\": 1, key: 2]"], seeds: ["table"], kept: [0, 1]),
        Case(label: "a range's bound is a mention", snippets: ["let n = 3", "let r = 0...n"], seeds: ["r"], kept: [0, 1]),
        Case(label: "a function that mutates a needed global is kept with its callers", snippets: ["var seen = 0", "func visit() { seen += 1 }", "visit()", "let unrelated = 1"], seeds: ["seen"], kept: [0, 1, 2]),
        Case(label: "a function's local is no top-level name", snippets: ["func f() -> Int { let sum = 1; return sum }", "let sum2 = 2\nlet model = train(sum)"], seeds: ["f"], kept: [0]),
        Case(label: "a caller of a pure function is left out", snippets: ["func double(_ x: Int) -> Int { x * 2 }", "let slow = double(train())", "let fine = 1"], seeds: ["double"], kept: [0]),
        Case(label: "a type's static state is followed", snippets: ["struct Counter { static var n = 0 }", "Counter.n += 1", "let other = Counter()"], seeds: ["Counter"], kept: [0, 1, 2]),
        Case(label: "a function that reads a needed variable brings its mutators", snippets: ["var scale = 1", "func scaled(_ x: Int) -> Int { x * scale }", "scale = 3", "let slow = train()"], seeds: ["scaled"], kept: [0, 1, 2]),
        Case(label: "a type the answer uses is kept", snippets: ["struct Point { var x = 1 }", "let slow = 2"], seeds: ["Point"], kept: [0]),
    ]

    @Test(arguments: cases)
    func keepsWhatTheAnswerNeeds(_ example: Case) {
        #expect(SnippetDependencies.needed(example.snippets, seeds: example.seeds) == example.kept)
    }

    @Test(arguments: [
        ("let a = 1, b = 2", ["a", "b"]),
        ("var (x, y): (Int, Int) = (1, 2)", ["x", "y"]),
        ("let total: Int = f(a, b)", ["total"]),
        ("func train(epochs: Int) {}", ["train"]),
        ("struct Run { var rate: Double, size: Int }", ["Run"]),
        ("func correlate() -> Double {\n    var sum = 0.0\n    return sum\n}", ["correlate"]),
        ("guard let found = items.first else { fatalError() }", ["found"]),
        ("if let value = optional, let other = more {}", ["value", "other"]),
        ("let history = record(epoch: 1, test: 2)", ["history"]),
    ])
    func declaredNames(code: String, expected: [String]) {
        #expect(SnippetDependencies.declaredNames(in: code) == Set(expected))
    }
}
