/// One axis of a plot, linear or logarithmic: its range, ticks, tick labels and the mapping of
/// values to positions.
struct PlotAxis: Sendable, Equatable {
    enum Mapping: Sendable, Equatable {
        /// A linear scale with round ends.
        case linear(AxisScale)
        /// Powers of ten from 10^`low` to 10^`high`, labelled every `every` decades.
        case logarithmic(low: Int, high: Int, every: Int)
    }

    let mapping: Mapping

    /// A linear axis covering `low...high`.
    static func linear(_ low: Double, _ high: Double, targetTicks: Int = 6) -> PlotAxis {
        PlotAxis(mapping: .linear(AxisScale(covering: low, high, targetTicks: targetTicks)))
    }

    /// A logarithmic axis covering the positive `low...high`, widened to whole decades; a range
    /// that is not positive falls back to 1…10.
    static func logarithmic(_ low: Double, _ high: Double) -> PlotAxis {
        guard low.isFinite, high.isFinite, low > 0, high >= low else {
            return PlotAxis(mapping: .logarithmic(low: 0, high: 1, every: 1))
        }
        let bottom = ChartMath.decade(of: low)
        var top = ChartMath.decade(of: high)
        if ChartMath.power(of: top) < high || top == bottom { top += 1 }
        let decades = top - bottom
        let every = decades <= 8 ? 1 : (decades + 7) / 8
        return PlotAxis(mapping: .logarithmic(low: bottom, high: top, every: every))
    }

    /// An axis of `kind` covering the finite values in `values`, or `range` when given: for a
    /// logarithmic axis only the positive values count.
    static func covering(_ values: [Double], range: ClosedRange<Double>?, kind: AxisKind, targetTicks: Int = 6) -> PlotAxis {
        switch kind {
        case .linear:
            if let range { return linear(range.lowerBound, range.upperBound, targetTicks: targetTicks) }
            let finite = values.filter(\.isFinite)
            return linear(finite.min() ?? 0, finite.max() ?? 1, targetTicks: targetTicks)
        case .logarithmic:
            if let range, range.lowerBound > 0 { return logarithmic(range.lowerBound, range.upperBound) }
            let positive = values.filter { $0.isFinite && $0 > 0 }
            // A given range that reaches zero or below keeps its upper end; the lower end comes
            // from the smallest positive value.
            var low = positive.min() ?? 1, high = positive.max() ?? 10
            if let range, range.upperBound > 0 {
                high = range.upperBound
                low = Swift.min(low, high)
            }
            return logarithmic(low, high)
        }
    }

    /// The smallest value on the axis.
    var low: Double {
        switch mapping {
        case .linear(let scale): scale.low
        case .logarithmic(let low, _, _): ChartMath.power(of: low)
        }
    }

    /// The largest value on the axis.
    var high: Double {
        switch mapping {
        case .linear(let scale): scale.high
        case .logarithmic(_, let high, _): ChartMath.power(of: high)
        }
    }

    /// Whether `value` can be placed on the axis: finite, inside its range, positive on a log axis.
    func contains(_ value: Double) -> Bool {
        value.isFinite && value >= low && value <= high
    }

    /// Where `value` lies between the start (0) and the end (1) of the axis; nil when it cannot be
    /// placed (not finite, or not positive on a log axis). Values outside the range give
    /// fractions outside 0…1.
    func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch mapping {
        case .linear(let scale):
            return (value - scale.low) / (scale.high - scale.low)
        case .logarithmic(let low, let high, _):
            guard let exponent = ChartMath.log10(value) else { return nil }
            return (exponent - Double(low)) / Double(high - low)
        }
    }

    /// The position of `value` between `start` and `end` (pixels); `start` for a value that cannot be placed.
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        switch mapping {
        case .linear(let scale):
            return scale.position(of: value, from: start, to: end)
        case .logarithmic:
            return start + (fraction(of: value) ?? 0) * (end - start)
        }
    }

    /// The value at `fraction` of the way along the axis (the inverse of `fraction(of:)`).
    func value(atFraction fraction: Double) -> Double {
        switch mapping {
        case .linear(let scale):
            return scale.low + fraction * (scale.high - scale.low)
        case .logarithmic(let low, let high, _):
            return ChartMath.power(of: Double(low) + fraction * Double(high - low))
        }
    }

    /// The labelled ticks: their values, labels, and whether each is the axis's zero line.
    var ticks: [(value: Double, label: String, isZero: Bool)] {
        switch mapping {
        case .linear(let scale):
            return scale.ticks.map { ($0, SVGText.label($0, decimals: scale.decimals), $0 == 0) }
        case .logarithmic(let low, let high, let every):
            return stride(from: low, through: high, by: every).map { (ChartMath.power(of: $0), SVGText.powerOfTen($0), false) }
        }
    }

    /// Unlabelled ticks between the labelled ones: 2…9 × 10ⁿ on a log axis of at most six decades.
    var minorTicks: [Double] {
        guard case .logarithmic(let low, let high, let every) = mapping, every == 1, high - low <= 6 else { return [] }
        var values: [Double] = []
        for exponent in low..<high {
            for multiple in 2...9 { values.append(Double(multiple) * ChartMath.power(of: exponent)) }
        }
        return values
    }
}
