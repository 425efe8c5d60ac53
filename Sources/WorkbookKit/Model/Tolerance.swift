/// How far a computed number may be from the expected one in an `≈` check.
public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// Half a unit in the last digit written: `0.857` allows ±0.0005, `2` allows ±0.5.
    case fromDigits
    /// `± TOL`: an absolute bound.
    case absolute(Double)
    /// `± P%`: a bound relative to the expected value; the payload is the fraction (`1%` is 0.01).
    case relative(Double)

    /// The bound for one expected number written as `literal` with value `expected`.
    public func bound(forExpected expected: Double, literal: String) -> Double {
        switch self {
        case .fromDigits: return Tolerance.implicitBound(of: literal)
        case .absolute(let bound): return bound
        case .relative(let fraction): return fraction * abs(expected)
        }
    }

    /// Half a unit in the last place written: `0.857` → 0.0005, `1.5e-3` → 0.00005, `12` → 0.5.
    public static func implicitBound(of literal: String) -> Double {
        var mantissa = Substring(literal)
        var exponent = 0
        if let marker = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(mantissa[mantissa.index(after: marker)...]) ?? 0
            mantissa = mantissa[..<marker]
        }
        var decimals = 0
        if let point = mantissa.firstIndex(of: ".") {
            decimals = mantissa.distance(from: point, to: mantissa.endIndex) - 1
        }
        return 0.5 * pow10(exponent - decimals)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// `± 0.001`, `± 1%`, or `± last digit` for the implicit tolerance.
    public var description: String {
        switch self {
        case .fromDigits: return "± half the last digit"
        case .absolute(let bound): return "± \(bound)"
        case .relative(let fraction): return "± \(fraction * 100)%"
        }
    }
}
