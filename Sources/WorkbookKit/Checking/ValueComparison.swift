/// Compares a computed value with an expected one, element by element, shapes first.
///
/// Each function returns nil when the values agree, or a sentence saying where they first differ.
enum ValueComparison {
    /// How numbers are compared.
    enum Rule {
        case approximately(Tolerance)
        case exactly
        case inRange(Double, Double)
    }

    static func difference(expected: ExpectedValue, computed: ComputedValue, rule: Rule, path: String = "") -> String? {
        switch (expected, computed) {
        case (.list(let expectedElements), .list(let computedElements)):
            guard expectedElements.count == computedElements.count else {
                return "shapes differ\(at(path)): expected \(expectedElements.count) elements, computed \(computedElements.count)"
            }
            if let shapeProblem = shapeDifference(expectedElements, computedElements, path: path) {
                return shapeProblem
            }
            for (index, pair) in zip(expectedElements, computedElements).enumerated() {
                if let problem = difference(expected: pair.0, computed: pair.1, rule: rule, path: path + "[\(index)]") {
                    return problem
                }
            }
            return nil
        case (.number(let value, let literal), _):
            guard let number = computed.numericValue else {
                return "expected a number\(at(path)), computed \(computed.kindDescription)"
            }
            return numberDifference(expected: value, literal: literal, computed: number, shown: computed.description, rule: rule, path: path)
        case (.bool(let value), .bool(let result)):
            return value == result ? nil : "expected \(value)\(at(path)), computed \(result)"
        case (.string(let value), .string(let result)):
            return value == result ? nil : "expected \"\(value)\"\(at(path)), computed \"\(result)\""
        case (.null, .null):
            return nil
        default:
            let expectedKind: String
            switch expected {
            case .number: expectedKind = "a number"
            case .bool: expectedKind = "a Boolean"
            case .string: expectedKind = "a string"
            case .null: expectedKind = "nil"
            case .list(let elements): expectedKind = "a list of \(elements.count)"
            }
            return "expected \(expectedKind)\(at(path)), computed \(computed.kindDescription)"
        }
    }

    /// Checks the range rule on every number of a computed value.
    static func rangeDifference(computed: ComputedValue, low: Double, high: Double, path: String = "") -> String? {
        switch computed {
        case .list(let elements):
            for (index, element) in elements.enumerated() {
                if let problem = rangeDifference(computed: element, low: low, high: high, path: path + "[\(index)]") {
                    return problem
                }
            }
            return nil
        default:
            guard let number = computed.numericValue else {
                return "expected a number\(at(path)), computed \(computed.kindDescription)"
            }
            return rangeMiss(number, shown: ChapterEvaluator.compact(number), low: low, high: high, path: path)
        }
    }

    private static func numberDifference(
        expected: Double, literal: String, computed: Double, shown: String, rule: Rule, path: String
    ) -> String? {
        if expected.isNaN {
            return computed.isNaN ? nil : "expected nan\(at(path)), computed \(shown)"
        }
        switch rule {
        case .exactly:
            guard computed != expected else { return nil }
            // A scalar's expected and computed values are printed beside this already.
            return path.isEmpty
                ? "off by \(ChapterEvaluator.compact(computed - expected))"
                : "expected exactly \(literal)\(at(path)), computed \(shown) (difference \(ChapterEvaluator.compact(computed - expected)))"
        case .approximately(let tolerance):
            if expected.isInfinite {
                return computed == expected ? nil : "expected \(literal)\(at(path)), computed \(shown)"
            }
            let bound = tolerance.bound(forExpected: expected, literal: literal)
            // A few units in the last place absorb the binary rounding of the decimal bound itself.
            let slack = 4 * max(expected.ulp, bound.ulp)
            let gap = abs(computed - expected)
            guard gap > bound + slack else { return nil }
            return path.isEmpty
                ? "off by \(ChapterEvaluator.compact(computed - expected)), more than the ± \(ChapterEvaluator.compact(bound)) allowed"
                : "expected \(literal) ± \(ChapterEvaluator.compact(bound))\(at(path)), computed \(shown) (difference \(ChapterEvaluator.compact(computed - expected)))"
        case .inRange(let low, let high):
            return rangeMiss(computed, shown: shown, low: low, high: high, path: path)
        }
    }

    /// Nil when `number` is in `low...high`, else where it falls: for a scalar only the side (its
    /// value and the range are printed beside this), for an element also the value and its index.
    private static func rangeMiss(_ number: Double, shown: String, low: Double, high: Double, path: String) -> String? {
        guard number < low || number > high || number.isNaN else { return nil }
        guard !path.isEmpty else { return number < low ? "below the range" : number > high ? "above the range" : "not a number" }
        return "\(shown)\(at(path)) is outside \(ChapterEvaluator.compact(low))...\(ChapterEvaluator.compact(high))"
    }

    /// For lists of lists, a difference in row lengths, reported as a matrix shape.
    private static func shapeDifference(_ expected: [ExpectedValue], _ computed: [ComputedValue], path: String) -> String? {
        for (index, pair) in zip(expected, computed).enumerated() {
            if case .list(let expectedRow) = pair.0, case .list(let computedRow) = pair.1, expectedRow.count != computedRow.count {
                return "shapes differ\(at(path + "[\(index)]")): expected \(expected.count)×\(expectedRow.count), computed a row of \(computedRow.count)"
            }
        }
        return nil
    }

    private static func at(_ path: String) -> String {
        path.isEmpty ? "" : " at index \(path)"
    }
}
