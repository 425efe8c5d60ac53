/// A linear axis: a data range with round ends and its ticks, mapped onto a pixel range.
struct AxisScale: Sendable, Equatable {
    /// The data value at the start of the axis.
    var low: Double
    /// The data value at the end of the axis.
    var high: Double
    /// The distance between ticks.
    var step: Double

    /// An axis that covers `low...high` with about `targetTicks` round ticks (steps of 1, 2 or 5
    /// times a power of ten); an empty or single-valued range is widened.
    init(covering low: Double, _ high: Double, targetTicks: Int = 6) {
        var low = low, high = high
        if !(low.isFinite && high.isFinite) { low = 0; high = 1 }
        if high - low < 1e-12 {
            let pad = Swift.max(abs(low) * 0.1, 0.5)
            low -= pad
            high += pad
        }
        let raw = (high - low) / Double(Swift.max(1, targetTicks - 1))
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        // The round step whose tick count comes closest to the target; the larger one on a tie.
        let target = Double(targetTicks)
        func tickCount(_ step: Double) -> Double { ((high / step).rounded(.up) - (low / step).rounded(.down)) + 1 }
        let step = [10.0, 5, 2, 1].map { $0 * magnitude }.min { abs(tickCount($0) - target) < abs(tickCount($1) - target) }!
        self.step = step
        self.low = (low / step).rounded(.down) * step
        self.high = (high / step).rounded(.up) * step
    }

    /// The tick values from `low` to `high`.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...count).map { low + Double($0) * step }
    }

    /// The number of decimals that show every tick exactly.
    var decimals: Int {
        var decimals = 0
        var scaled = step
        while decimals < 6, abs(scaled - scaled.rounded()) > 1e-9 {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// The position of `value` between `start` (at `low`) and `end` (at `high`).
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - low) / (high - low) * (end - start)
    }
}
