/// The hidden-layer nonlinearity `a = f(z)`. Each derivative is written through the output `a`,
/// so the backward pass needs only the stored activations, not the pre-activations.
public enum Activation: String, CaseIterable, Sendable {
    /// `f(z) = max(0, z)`, `f′ = [a > 0]`.
    case relu
    /// `f(z) = max(0.01·z, z)`, `f′ = a > 0 ? 1 : 0.01`.
    case leakyRelu = "leaky-relu"
    /// `f(z) = tanh z`, `f′ = 1 − a²`.
    case tanh
    /// `f(z) = 1 / (1 + e⁻ᶻ)`, `f′ = a·(1 − a)`.
    case sigmoid

    /// The standard deviation of the initial weights of a layer with `fanIn` inputs:
    /// He `√(2/fanIn)` for the ReLU family, LeCun `√(1/fanIn)` for tanh and sigmoid.
    public func initialStandardDeviation(fanIn: Int) -> Double {
        switch self {
        case .relu, .leakyRelu: return (2 / Double(fanIn)).squareRoot()
        case .tanh, .sigmoid: return (1 / Double(fanIn)).squareRoot()
        }
    }

    /// A one-byte code for weight files.
    var code: UInt8 {
        switch self {
        case .relu: 1
        case .leakyRelu: 2
        case .tanh: 3
        case .sigmoid: 4
        }
    }

    /// The activation with weight-file code `code`.
    init?(code: UInt8) {
        guard let found = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = found
    }
}
