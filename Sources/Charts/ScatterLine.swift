/// A straight line on a `ScatterChart`, the points with `a·x + b·y + c = 0`: a perceptron's
/// decision boundary `w₁x + w₂y + b = 0`, say. It is drawn across the plot area, clipped to it.
public struct ScatterLine: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The coefficient of x.
    public var a: Double
    /// The coefficient of y.
    public var b: Double
    /// The constant term.
    public var c: Double

    /// The line `a·x + b·y + c = 0`; nothing is drawn when `a` and `b` are both 0 or any is not finite.
    public init(name: String, a: Double, b: Double, c: Double) {
        self.name = name
        self.a = a
        self.b = b
        self.c = c
    }

    /// The part of the line inside `x...` × `y...`, as its two end points; nil when the line
    /// misses the rectangle or is not a line.
    func clipped(x: ClosedRange<Double>, y: ClosedRange<Double>) -> (start: (x: Double, y: Double), end: (x: Double, y: Double))? {
        let squared = a * a + b * b
        guard a.isFinite, b.isFinite, c.isFinite, squared > 0 else { return nil }
        // The point of the line nearest the origin, and the line's direction.
        let px = -c * a / squared, py = -c * b / squared
        let dx = b, dy = -a
        var low = -Double.infinity, high = Double.infinity
        for (p, d, range) in [(px, dx, x), (py, dy, y)] {
            if d == 0 {
                if p < range.lowerBound || p > range.upperBound { return nil }
            } else {
                let t0 = (range.lowerBound - p) / d, t1 = (range.upperBound - p) / d
                low = Swift.max(low, Swift.min(t0, t1))
                high = Swift.min(high, Swift.max(t0, t1))
            }
        }
        guard low <= high, low.isFinite, high.isFinite else { return nil }
        return ((px + low * dx, py + low * dy), (px + high * dx, py + high * dy))
    }
}
