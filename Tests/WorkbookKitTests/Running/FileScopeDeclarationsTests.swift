import Testing
@testable import WorkbookKit

/// What the declaration-order twin keeps at file scope, and that line numbers survive.
@Suite struct FileScopeDeclarationsTests {
    @Test(arguments: [
        ("import Foundation\nlet a = 1", ["import Foundation"]),
        ("extension Int {\n    var twice: Int { self * 2 }\n}\nlet b = 2", ["extension Int {\n    var twice: Int { self * 2 }\n}"]),
        ("final class Value {\n    static func + (a: Value, b: Value) -> Value { a }\n}", ["final class Value {\n    static func + (a: Value, b: Value) -> Value { a }\n}"]),
        ("struct P { var x = 1 }\nlet p = P()", ["struct P { var x = 1 }"]),
        ("infix operator ** : MultiplicationPrecedence\nlet c = 3", ["infix operator ** : MultiplicationPrecedence"]),
        ("let s = \"{ not a brace\"\nenum E {\n    case a // }\n}", ["enum E {\n    case a // }\n}"]),
        ("let t = \"\"\"\nextension in a string\n\"\"\"\nlet u = 1", []),
        ("/* extension X {} */\nlet v = 1", []),
        ("func f() {\n    struct Local {}\n}", []),
        ("let w = \"\\(1 + 2) }\"\nprotocol Q {}", ["protocol Q {}"]),
    ])
    func keepsFileScopeDeclarations(code: String, expected: [String]) {
        let (regions, remainder) = FileScopeDeclarations.split(code)
        #expect(regions.map(\.text) == expected)
        #expect(remainder.split(separator: "\n", omittingEmptySubsequences: false).count == code.split(separator: "\n", omittingEmptySubsequences: false).count)
        for region in regions {
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(String(lines[region.firstLine]) == region.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init))
        }
    }
}
