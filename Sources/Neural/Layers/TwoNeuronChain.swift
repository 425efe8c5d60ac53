/// The scalar two-neuron network used to teach the chain rule:
/// `z₁ = w₁·x + b₁`, `a₁ = σ(z₁)`, `z₂ = w₂·a₁ + b₂`, `ŷ = σ(z₂)`, `L = (y − ŷ)²`.
public struct TwoNeuronChain: Sendable, Equatable {
    /// The first weight `w₁`.
    public var w1: Double
    /// The first bias `b₁`.
    public var b1: Double
    /// The second weight `w₂`.
    public var w2: Double
    /// The second bias `b₂`.
    public var b2: Double

    /// A chain with the given parameters.
    public init(w1: Double, b1: Double, w2: Double, b2: Double) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }

    /// The forward pass for input `x` and target `y`, keeping every intermediate value.
    public func forward(x: Double, y: Double) -> Forward {
        let z1 = w1 * x + b1
        let a1 = sigmoid(z1)
        let z2 = w2 * a1 + b2
        let prediction = sigmoid(z2)
        return Forward(
            x: x, y: y, z1: z1, a1: a1, z2: z2, prediction: prediction,
            loss: squaredError(predicted: prediction, target: y))
    }

    /// The backward pass: every local derivative of the chain and their products.
    public func backward(_ forward: Forward) -> Backward {
        Backward(
            dLossDPrediction: squaredErrorDerivative(predicted: forward.prediction, target: forward.y),
            dPredictionDZ2: sigmoidDerivative(output: forward.prediction),
            dZ2DA1: w2,
            dA1DZ1: sigmoidDerivative(output: forward.a1),
            dZ1DW1: forward.x,
            a1: forward.a1)
    }

    /// The intermediate values of the forward pass.
    public struct Forward: Sendable, Equatable {
        /// The input `x`.
        public var x: Double
        /// The target `y`.
        public var y: Double
        /// `z₁ = w₁·x + b₁`.
        public var z1: Double
        /// `a₁ = σ(z₁)`.
        public var a1: Double
        /// `z₂ = w₂·a₁ + b₂`.
        public var z2: Double
        /// `ŷ = σ(z₂)`.
        public var prediction: Double
        /// `L = (y − ŷ)²`.
        public var loss: Double
    }

    /// The local derivatives of the chain and the gradients they multiply into.
    public struct Backward: Sendable, Equatable {
        /// `∂L/∂ŷ = 2(ŷ − y)`.
        public var dLossDPrediction: Double
        /// `∂ŷ/∂z₂ = ŷ(1 − ŷ)`.
        public var dPredictionDZ2: Double
        /// `∂z₂/∂a₁ = w₂`.
        public var dZ2DA1: Double
        /// `∂a₁/∂z₁ = a₁(1 − a₁)`.
        public var dA1DZ1: Double
        /// `∂z₁/∂w₁ = x`.
        public var dZ1DW1: Double
        /// `a₁`, which is `∂z₂/∂w₂`.
        public var a1: Double

        /// `∂L/∂z₂ = ∂L/∂ŷ · ∂ŷ/∂z₂`.
        public var dLossDZ2: Double { dLossDPrediction * dPredictionDZ2 }
        /// `∂L/∂w₂ = ∂L/∂z₂ · a₁`.
        public var dLossDW2: Double { dLossDZ2 * a1 }
        /// `∂L/∂b₂ = ∂L/∂z₂`.
        public var dLossDB2: Double { dLossDZ2 }
        /// `∂L/∂z₁ = ∂L/∂z₂ · w₂ · a₁(1 − a₁)`.
        public var dLossDZ1: Double { dLossDZ2 * dZ2DA1 * dA1DZ1 }
        /// `∂L/∂w₁ = 2(ŷ−y) · ŷ(1−ŷ) · w₂ · a₁(1−a₁) · x`.
        public var dLossDW1: Double { dLossDZ1 * dZ1DW1 }
        /// `∂L/∂b₁ = ∂L/∂z₁`.
        public var dLossDB1: Double { dLossDZ1 }
    }
}
