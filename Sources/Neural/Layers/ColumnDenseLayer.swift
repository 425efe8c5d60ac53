/// A fully connected layer in the column convention of textbook backpropagation:
/// `z = W·a + b`, `a' = g(z)`, with inputs as columns `a` of shape `(inputs × samples)`, weights `W`
/// of shape `(outputs × inputs)` and a bias column `b` of shape `(outputs × 1)`.
///
/// The backward pass is `δ = ∂L/∂a' ⊙ g'(z)`, `∂L/∂W = δ·aᵀ`, `∂L/∂b = Σ_samples δ`,
/// `∂L/∂a = Wᵀ·δ`. It is the transpose of `DenseLayer` in every shape.
public struct ColumnDenseLayer: Sendable, Equatable {
    /// The weights `W`, shape `(outputs × inputs)`.
    public var weights: Matrix
    /// The bias `b`, shape `(outputs × 1)`.
    public var bias: Matrix
    /// The activation `g`; `softmax` acts on each column here.
    public var activation: Activation

    /// A layer with the given weights `(outputs × inputs)` and bias `(outputs × 1)`.
    public init(weights: Matrix, bias: Matrix, activation: Activation) {
        precondition(
            bias.columns == 1 && bias.rows == weights.rows,
            Matrix.shapeMismatchMessage("ColumnDenseLayer (weights vs bias)", weights, bias))
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// A layer with weights from `initializer` (drawn as `(inputs × outputs)` then transposed) and a zero bias.
    public init(
        inputs: Int, outputs: Int, activation: Activation, initializer: WeightInitializer = .heNormal,
        generator: inout SeededGenerator
    ) {
        self.init(
            weights: initializer.weights(fanIn: inputs, fanOut: outputs, using: &generator).transposed,
            bias: .zeros(rows: outputs, columns: 1), activation: activation)
    }

    /// The forward pass `z = W·a + b`, `a' = g(z)` for inputs as columns, keeping `a`, `z`, `a'`.
    public func forward(_ input: Matrix) -> DenseForwardPass {
        precondition(input.rows == weights.columns, Matrix.shapeMismatchMessage("ColumnDenseLayer.forward (W·a)", weights, input))
        let z = weights.matmul(input) + bias
        let a = activation == .softmax ? softmax(z.transposed).transposed : activation(z)
        return DenseForwardPass(input: input, preActivation: z, activation: a)
    }

    /// The backward pass from `∂L/∂a'`: `δ = ∂L/∂a' ⊙ g'(z)`, then `backward(_:delta:)`.
    public func backward(_ pass: DenseForwardPass, outputGradient: Matrix) -> DenseGradients {
        let delta = activation.backward(
            preActivation: pass.preActivation.transposed, activation: pass.activation.transposed,
            outputGradient: outputGradient.transposed
        ).transposed
        return backward(pass, delta: delta)
    }

    /// The backward pass from a known `δ = ∂L/∂z`: `∂L/∂W = δ·aᵀ`, `∂L/∂b = Σ_samples δ` (summed
    /// along each row), `∂L/∂a = Wᵀ·δ`.
    public func backward(_ pass: DenseForwardPass, delta: Matrix) -> DenseGradients {
        precondition(
            delta.rows == pass.preActivation.rows && delta.columns == pass.preActivation.columns,
            Matrix.shapeMismatchMessage("ColumnDenseLayer.backward (δ vs z)", delta, pass.preActivation))
        return DenseGradients(
            delta: delta,
            weights: delta.matmul(pass.input.transposed),
            bias: delta.sum(axis: 1),
            input: weights.transposed.matmul(delta))
    }

    /// Gradient descent: `W ← W − η·∂L/∂W`, `b ← b − η·∂L/∂b`.
    public mutating func update(_ gradients: DenseGradients, learningRate: Double) {
        weights -= learningRate * gradients.weights
        bias -= learningRate * gradients.bias
    }
}
