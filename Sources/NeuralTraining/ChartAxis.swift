import Foundation

/// A linear axis from `lower` to `upper` with "nice" ticks: steps of 1, 2 or 5 times a power of ten.
struct ChartAxis: Equatable {
    /// The ends of the axis, rounded outwards to whole ticks.
    let lower: Double, upper: Double
    /// The distance between ticks.
    let step: Double

    /// An axis covering `minimum...maximum` with about `targetTicks` ticks; with `wholeSteps` the
    /// step is at least 1 (for counts such as epochs).
    init(minimum: Double, maximum: Double, targetTicks: Int = 5, wholeSteps: Bool = false) {
        var low = minimum, high = maximum
        if !(low.isFinite && high.isFinite) { low = 0; high = 1 }
        if high - low < 1e-12 { low -= 0.5; high += 0.5 }
        let rough = (high - low) / Double(max(1, targetTicks))
        let magnitude = pow(10, floor(log10(rough)))
        let fraction = rough / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        step = wholeSteps ? max(1, nice * magnitude) : nice * magnitude
        lower = floor(low / step + 1e-9) * step
        upper = ceil(high / step - 1e-9) * step
    }

    /// The tick values from `lower` to `upper`.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// `value` mapped linearly from `lower...upper` to `start...end`.
    func scale(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// A tick label with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        return String(format: "%.\(decimals)f", value)
    }
}
