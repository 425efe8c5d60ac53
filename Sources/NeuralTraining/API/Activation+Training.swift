import Neural

/// What the fast engine needs to know about `Neural.Activation`, the one activation vocabulary of
/// both engines: which hidden activations it has kernels for, how each is initialised, and the
/// names `workbook train` and its weights files use.
extension Activation {
    /// The hidden activations `TrainingSession` has fused kernels for, in the order of their
    /// weights-file codes 1 to 4: ReLU, leaky ReLU with `α = 0.01`, tanh and the logistic sigmoid.
    /// Each kernel writes `f′` through the output `a = f(z)`: `[a > 0]`, `a > 0 ? 1 : α`,
    /// `1 − a²` and `a·(1 − a)`.
    public static let trainable: [Activation] = [.relu, .leakyReLU(alpha: 0.01), .tanh, .sigmoid]

    /// Whether `TrainingSession` can use this activation on its hidden layers.
    public var isTrainable: Bool { Self.trainable.contains(self) }

    /// The initialiser `workbook train` pairs with this activation: He normal `N(0, 2/fanIn)` for
    /// the ReLU family, LeCun normal `N(0, 1/fanIn)` for tanh and sigmoid.
    public var trainingInitializer: WeightInitializer {
        switch self {
        case .relu, .leakyReLU: .heNormal
        default: .lecunNormal
        }
    }

    /// The name of a trainable activation in `workbook train`'s flags and messages: `relu`,
    /// `leaky-relu`, `tanh` or `sigmoid`.
    public var trainingName: String {
        switch self {
        case .relu: "relu"
        case .leakyReLU(let alpha) where alpha == 0.01: "leaky-relu"
        case .leakyReLU(let alpha): "leaky-relu(\(alpha))"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        default: "\(self)"
        }
    }

    /// The trainable activation called `name` (see `trainingName`), or nil.
    public init?(trainingName name: String) {
        guard let found = Self.trainable.first(where: { $0.trainingName == name }) else { return nil }
        self = found
    }

    /// The one-byte code of a trainable activation in weights files: its position in `trainable`
    /// plus one.
    var weightsFileCode: UInt8? {
        Self.trainable.firstIndex(of: self).map { UInt8($0 + 1) }
    }

    /// The trainable activation with weights-file code `code`.
    init?(weightsFileCode code: UInt8) {
        guard (1...Self.trainable.count).contains(Int(code)) else { return nil }
        self = Self.trainable[Int(code) - 1]
    }
}
