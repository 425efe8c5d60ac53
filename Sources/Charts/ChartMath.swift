/// The few functions of real numbers the charts need, without Foundation: logarithms and powers
/// of ten for log axes, computed with the same IEEE operations on every machine.
enum ChartMath {
    /// ln 2, to double precision.
    static let ln2 = 0.693_147_180_559_945_309_417
    /// ln 10, to double precision.
    static let ln10 = 2.302_585_092_994_045_684_018

    /// The natural logarithm of a positive finite `value`; nil otherwise.
    static func ln(_ value: Double) -> Double? {
        guard value.isFinite, value > 0 else { return nil }
        // value = s · 2^e with s in [1, 2), moved to [√½, √2) so that the series converges fast.
        var s = value.significand
        var e = Double(value.exponent)
        if s > 1.414_213_562_373_095 {
            s /= 2
            e += 1
        }
        // ln s = 2 atanh(t), t = (s − 1)/(s + 1), |t| < 0.172.
        let t = (s - 1) / (s + 1), t2 = t * t
        var term = t, sum = 0.0
        for k in 0..<30 {
            sum += term / Double(2 * k + 1)
            term *= t2
        }
        return e * ln2 + 2 * sum
    }

    /// The base-10 logarithm of a positive finite `value`, exact at powers of ten; nil otherwise.
    static func log10(_ value: Double) -> Double? {
        guard let natural = ln(value) else { return nil }
        let estimate = natural / ln10
        let nearest = estimate.rounded()
        if abs(estimate - nearest) < 1e-9, abs(nearest) < 300, power(of: Int(nearest)) == value { return nearest }
        return estimate
    }

    /// 10^`exponent`, by multiplication (exact up to 10²²), its reciprocal for negative exponents.
    static func power(of exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// e^`value`.
    static func exp(_ value: Double) -> Double {
        guard value.isFinite else { return value > 0 ? .infinity : 0 }
        if value > 709 { return .infinity }
        if value < -745 { return 0 }
        // value = n ln 2 + r, |r| ≤ ln 2 / 2.
        let n = (value / ln2).rounded()
        let r = value - n * ln2
        var term = 1.0, sum = 1.0
        for k in 1..<24 {
            term *= r / Double(k)
            sum += term
        }
        var result = sum
        var count = Int(n)
        while count > 0 { result *= 2; count -= 1 }
        while count < 0 { result /= 2; count += 1 }
        return result
    }

    /// 10^`exponent` for any exponent, exact at integers within ±22.
    static func power(of exponent: Double) -> Double {
        if exponent == exponent.rounded(), abs(exponent) <= 22 { return power(of: Int(exponent)) }
        return exp(exponent * ln10)
    }

    /// The integer `k` with 10^k ≤ `value` < 10^(k+1), for a positive finite `value`.
    static func decade(of value: Double) -> Int {
        var k = Int((log10(value) ?? 0).rounded(.down))
        while power(of: k) > value { k -= 1 }
        while power(of: k + 1) <= value { k += 1 }
        return k
    }
}
