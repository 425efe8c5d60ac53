import Foundation
import Testing
import WorkbookRuntime
@testable import WorkbookKit

/// The runtime's encoding of checked values and the runner's decoding must agree.
@Suite struct WireFormatTests {
    func roundTrip(_ value: CheckedValue) throws -> ComputedValue? {
        let object = try JSONSerialization.jsonObject(with: Data(value.json.utf8))
        return ComputedValue(json: object)
    }

    @Test(arguments: [
        (CheckedValue.number(0.1 + 0.2), ComputedValue.number(0.30000000000000004)),
        (.number(-.infinity), .number(-.infinity)),
        (.integer(-42), .integer(-42)),
        (.bool(false), .bool(false)),
        (.string("quote \" backslash \\ newline \n tab \t bell \u{7} ≈"), .string("quote \" backslash \\ newline \n tab \t bell \u{7} ≈")),
        (.list([.list([.number(1.5)]), .list([])]), .list([.list([.number(1.5)]), .list([])])),
    ])
    func valuesSurviveTheTrip(sent: CheckedValue, received: ComputedValue) throws {
        #expect(try roundTrip(sent) == received)
    }

    @Test func nanSurvivesTheTrip() throws {
        guard case .number(let value)? = try roundTrip(.number(.nan)) else {
            Issue.record("nan did not arrive as a number")
            return
        }
        #expect(value.isNaN)
    }

    @Test func swiftValuesBecomeCheckedValues() {
        #expect([1.0, 2.5].checkedValue == .list([.number(1), .number(2.5)]))
        #expect(Float(0.5).checkedValue == .number(0.5))
        #expect([[1, 2]].checkedValue == .list([.list([.integer(1), .integer(2)])]))
        #expect("abc".dropFirst().checkedValue == .string("bc"))
    }
}
