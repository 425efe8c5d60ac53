/// A fully connected layer in the row convention of the sources' NumPy code:
/// `z = x·W + b`, `a = g(z)`, with a batch `x` of shape `(samples × inputs)`, weights `W` of shape
/// `(inputs × outputs)` and a bias row `b` of shape `(1 × outputs)` broadcast over the batch.
///
/// For the column convention `z = W·a + b` with `W` of shape `(outputs × inputs)`, see
/// `ColumnDenseLayer`.
public struct DenseLayer: Sendable, Equatable {
    /// The weights `W`, shape `(inputs × outputs)`.
    public var weights: Matrix
    /// The bias `b`, shape `(1 × outputs)`.
    public var bias: Matrix
    /// The activation `g`.
    public var activation: Activation

    /// A layer with the given weights `(inputs × outputs)` and bias `(1 × outputs)`.
    public init(weights: Matrix, bias: Matrix, activation: Activation) {
        precondition(
            bias.rows == 1 && bias.columns == weights.columns,
            Matrix.shapeMismatchMessage("DenseLayer (weights vs bias)", weights, bias))
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// A layer with weights from `initializer` and a zero bias.
    public init(
        inputs: Int, outputs: Int, activation: Activation, initializer: WeightInitializer = .heNormal,
        generator: inout SeededGenerator
    ) {
        self.init(
            weights: initializer.weights(fanIn: inputs, fanOut: outputs, using: &generator),
            bias: .zeros(rows: 1, columns: outputs), activation: activation)
    }

    /// The number of inputs, `W.rows`.
    public var inputCount: Int { weights.rows }
    /// The number of outputs (neurons), `W.columns`.
    public var outputCount: Int { weights.columns }

    /// The forward pass `z = x·W + b`, `a = g(z)`, keeping `x`, `z` and `a` for the backward pass.
    public func forward(_ input: Matrix) -> DenseForwardPass {
        precondition(input.columns == weights.rows, Matrix.shapeMismatchMessage("DenseLayer.forward (x·W)", input, weights))
        let z = input.matmul(weights) + bias
        return DenseForwardPass(input: input, preActivation: z, activation: activation(z))
    }

    /// The backward pass from `∂L/∂a`: `δ = ∂L/∂a ⊙ g'(z)`, then the gradients of `backward(_:delta:)`.
    public func backward(_ pass: DenseForwardPass, outputGradient: Matrix) -> DenseGradients {
        let delta = activation.backward(
            preActivation: pass.preActivation, activation: pass.activation, outputGradient: outputGradient)
        return backward(pass, delta: delta)
    }

    /// The backward pass from a known `δ = ∂L/∂z` (e.g. the fused softmax + cross-entropy `(ŷ − y)/N`):
    /// `∂L/∂W = xᵀ·δ`, `∂L/∂b = Σ_samples δ` and `∂L/∂x = δ·Wᵀ`.
    ///
    /// No averaging happens here: a mean over the batch is already inside `δ` when the loss
    /// gradient was divided by `N`.
    public func backward(_ pass: DenseForwardPass, delta: Matrix) -> DenseGradients {
        precondition(
            delta.rows == pass.preActivation.rows && delta.columns == pass.preActivation.columns,
            Matrix.shapeMismatchMessage("DenseLayer.backward (δ vs z)", delta, pass.preActivation))
        return DenseGradients(
            delta: delta,
            weights: pass.input.transposed.matmul(delta),
            bias: delta.sum(axis: 0),
            input: delta.matmul(weights.transposed))
    }

    /// Gradient descent: `W ← W − η·∂L/∂W`, `b ← b − η·∂L/∂b`.
    public mutating func update(_ gradients: DenseGradients, learningRate: Double) {
        weights -= learningRate * gradients.weights
        bias -= learningRate * gradients.bias
    }
}

/// What a dense layer's forward pass keeps for its backward pass.
public struct DenseForwardPass: Sendable, Equatable {
    /// The layer's input `x` (the previous layer's activation `a[l−1]`).
    public var input: Matrix
    /// The pre-activation `z = x·W + b` (or `W·a + b` in the column convention).
    public var preActivation: Matrix
    /// The activation `a = g(z)`.
    public var activation: Matrix

    /// A record of one forward pass.
    public init(input: Matrix, preActivation: Matrix, activation: Matrix) {
        self.input = input
        self.preActivation = preActivation
        self.activation = activation
    }
}

/// What a dense layer's backward pass computes.
public struct DenseGradients: Sendable, Equatable {
    /// The error `δ = ∂L/∂z` of the layer.
    public var delta: Matrix
    /// `∂L/∂W`, the same shape as `W`.
    public var weights: Matrix
    /// `∂L/∂b`, the same shape as `b`.
    public var bias: Matrix
    /// `∂L/∂x`, the gradient passed to the previous layer (`∂L/∂a[l−1]`).
    public var input: Matrix

    /// A record of one backward pass.
    public init(delta: Matrix, weights: Matrix, bias: Matrix, input: Matrix) {
        self.delta = delta
        self.weights = weights
        self.bias = bias
        self.input = input
    }
}
