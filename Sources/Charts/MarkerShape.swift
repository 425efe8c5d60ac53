/// The shape of a point's marker: the cue besides colour that tells classes (and paths) apart,
/// in print and with colour blindness.
public enum MarkerShape: String, Sendable, Equatable, CaseIterable {
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled square standing on a corner.
    case diamond
    /// Two crossed strokes, ×.
    case cross

    /// The marker centred at (`x`, `y`) in pixels, about `size` from the centre to its edge.
    func svg(x: Double, y: Double, size: Double, colour: String, filled: Bool = true) -> String {
        let paint = filled ? "fill=\"\(colour)\"" : "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\""
        func n(_ value: Double) -> String { SVGText.number(value) }
        switch self {
        case .circle:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(size))\" \(paint)/>"
        case .square:
            let half = size * 0.9
            return "<rect x=\"\(n(x - half))\" y=\"\(n(y - half))\" width=\"\(n(2 * half))\" height=\"\(n(2 * half))\" \(paint)/>"
        case .triangle:
            let s = size * 1.2
            return "<path d=\"M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y + 0.8 * s))L\(n(x - s)) \(n(y + 0.8 * s))Z\" \(paint)/>"
        case .diamond:
            let s = size * 1.25
            return "<path d=\"M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y))L\(n(x)) \(n(y + s))L\(n(x - s)) \(n(y))Z\" \(paint)/>"
        case .cross:
            let s = size * 0.95
            return "<path d=\"M\(n(x - s)) \(n(y - s))L\(n(x + s)) \(n(y + s))M\(n(x - s)) \(n(y + s))L\(n(x + s)) \(n(y - s))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.2\"/>"
        }
    }

    /// The marker's name in the plural, for descriptions: "circles", "crosses".
    var plural: String { self == .cross ? "crosses" : rawValue + "s" }
}
