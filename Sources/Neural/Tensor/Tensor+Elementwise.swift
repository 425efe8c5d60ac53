import Foundation

/// Element-wise operations, with NumPy broadcasting for two operands.
extension Tensor {
    /// `f` applied to each element, recorded as `operation`; the backward pass multiplies the
    /// upstream gradient by `derivative(x, y)`, with `x` the input element and `y = f(x)`.
    ///
    /// This is how every unary operation here is written, and how a new one is added.
    public func elementwise(
        _ operation: String, _ f: (Double) -> Double, derivative: @escaping (_ x: Double, _ y: Double) -> Double
    ) -> Tensor {
        let input = self
        let output = elements.map(f)
        return Tensor(shape: shape, elements: output, operation: operation, inputs: [input]) { upstream in
            var gradient = upstream.elements
            for i in gradient.indices { gradient[i] *= derivative(input.elements[i], output[i]) }
            return [Tensor(shape: input.shape, elements: gradient)]
        }
    }

    /// `f(a, b)` element by element with broadcasting; the backward pass multiplies the upstream
    /// gradient by `∂f/∂a` and `∂f/∂b` and sums it over the broadcast dimensions.
    public func elementwise(
        _ operation: String, _ other: Tensor, _ f: (Double, Double) -> Double,
        derivatives: @escaping (_ a: Double, _ b: Double, _ y: Double) -> (Double, Double)
    ) -> Tensor {
        let a = self, b = other
        let shape = Broadcasting.shape(a.shape, b.shape, operation)
        let aOffsets = Broadcasting.offsets(of: a.shape, in: shape)
        let bOffsets = Broadcasting.offsets(of: b.shape, in: shape)
        var output = Array(repeating: 0.0, count: aOffsets.count)
        for i in output.indices { output[i] = f(a.elements[aOffsets[i]], b.elements[bOffsets[i]]) }
        let result = output
        return Tensor(shape: shape, elements: output, operation: operation, inputs: [a, b]) { upstream in
            var gradientA = Array(repeating: 0.0, count: a.count)
            var gradientB = Array(repeating: 0.0, count: b.count)
            for i in result.indices {
                let (da, db) = derivatives(a.elements[aOffsets[i]], b.elements[bOffsets[i]], result[i])
                gradientA[aOffsets[i]] += upstream.elements[i] * da
                gradientB[bOffsets[i]] += upstream.elements[i] * db
            }
            return [Tensor(shape: a.shape, elements: gradientA), Tensor(shape: b.shape, elements: gradientB)]
        }
    }

    /// `a + b`.
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.elementwise("add", b, +) { _, _, _ in (1, 1) } }
    /// `a − b`.
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.elementwise("subtract", b, -) { _, _, _ in (1, -1) } }
    /// `a ⊙ b`, element by element.
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.elementwise("multiply", b, *) { x, y, _ in (y, x) } }
    /// `a / b`, element by element: `∂/∂a = 1/b`, `∂/∂b = −a/b²`.
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.elementwise("divide", b, /) { x, y, _ in (1 / y, -x / (y * y)) } }

    /// `a + s`.
    public static func + (a: Tensor, s: Double) -> Tensor { a + Tensor(s) }
    /// `s + a`.
    public static func + (s: Double, a: Tensor) -> Tensor { Tensor(s) + a }
    /// `a − s`.
    public static func - (a: Tensor, s: Double) -> Tensor { a - Tensor(s) }
    /// `s − a`.
    public static func - (s: Double, a: Tensor) -> Tensor { Tensor(s) - a }
    /// `a·s`.
    public static func * (a: Tensor, s: Double) -> Tensor { a * Tensor(s) }
    /// `s·a`.
    public static func * (s: Double, a: Tensor) -> Tensor { Tensor(s) * a }
    /// `a / s`.
    public static func / (a: Tensor, s: Double) -> Tensor { a / Tensor(s) }
    /// `s / a`.
    public static func / (s: Double, a: Tensor) -> Tensor { Tensor(s) / a }
    /// `−a`.
    public static prefix func - (a: Tensor) -> Tensor { a.elementwise("negate", { -$0 }) { _, _ in -1 } }

    /// `xᵖ` element by element: `∂/∂x = p·xᵖ⁻¹`.
    public func pow(_ p: Double) -> Tensor {
        elementwise("pow", { Foundation.pow($0, p) }) { x, _ in p * Foundation.pow(x, p - 1) }
    }

    /// `eˣ`: `∂/∂x = eˣ`.
    public func exp() -> Tensor { elementwise("exp", Foundation.exp) { _, y in y } }
    /// `ln x`: `∂/∂x = 1/x`.
    public func log() -> Tensor { elementwise("log", Foundation.log) { x, _ in 1 / x } }
    /// `√x`: `∂/∂x = 1/(2√x)`.
    public func sqrt() -> Tensor { elementwise("sqrt", Foundation.sqrt) { _, y in 0.5 / y } }
    /// `|x|`: `∂/∂x = sign x` (0 at 0, as PyTorch).
    public func abs() -> Tensor { elementwise("abs", Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }
    /// `tanh x`: `∂/∂x = 1 − tanh²x`.
    public func tanh() -> Tensor { elementwise("tanh", Foundation.tanh) { _, y in 1 - y * y } }
    /// `σ(x) = 1/(1 + e⁻ˣ)`: `∂/∂x = σ(x)(1 − σ(x))`.
    public func sigmoid() -> Tensor { elementwise("sigmoid", Neural.sigmoid) { _, y in y * (1 - y) } }
    /// `max(0, x)`: `∂/∂x = [x > 0]`.
    public func relu() -> Tensor { elementwise("relu", Neural.relu) { x, _ in Neural.reluDerivative(x) } }
    /// `x` clamped to `[low, high]`: `∂/∂x = 1` strictly inside, 0 outside and at the bounds
    /// themselves (PyTorch's `clamp` with scalar bounds).
    public func clamped(to low: Double, _ high: Double) -> Tensor {
        elementwise("clamp", { Swift.min(Swift.max($0, low), high) }) { x, _ in x > low && x < high ? 1 : 0 }
    }

    /// Neural's `activation` element by element, with its own derivative: the same functions the
    /// `Matrix` layers use. For softmax use `softmax(axis:)`.
    ///
    /// - Precondition: `activation` is not `.softmax`.
    public func activated(_ activation: Activation) -> Tensor {
        precondition(activation != .softmax, "Tensor.activated: softmax acts along an axis; use softmax(axis:)")
        return elementwise("\(activation)", { activation($0) }) { x, _ in activation.derivative(x) }
    }
}
