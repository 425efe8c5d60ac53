/// A single neuron with a step activation, trained with Rosenblatt's learning rule.
///
/// The decision is `ŷ = step(w · x + b)`. After each sample the rule updates
/// `w ← w + η (y − ŷ) x` and `b ← b + η (y − ŷ)`, which changes nothing when the prediction is right.
public struct Perceptron: Sendable, Equatable {
    /// The weights `w`, one per input feature.
    public var weights: [Double]
    /// The bias `b`.
    public var bias: Double
    /// The learning rate `η`.
    public var learningRate: Double
    /// Whether `z = 0` counts as class 1 (`.nonNegative`) or class 0 (`.strictlyPositive`).
    public var convention: StepConvention

    /// A perceptron with the given weights and bias.
    public init(
        weights: [Double], bias: Double, learningRate: Double = 0.01,
        convention: StepConvention = .strictlyPositive
    ) {
        self.weights = weights
        self.bias = bias
        self.learningRate = learningRate
        self.convention = convention
    }

    /// A perceptron with `featureCount` zero weights and a zero bias.
    public init(
        featureCount: Int, learningRate: Double = 0.01,
        convention: StepConvention = .strictlyPositive
    ) {
        precondition(featureCount > 0, "Perceptron: featureCount must be positive, got \(featureCount)")
        self.init(
            weights: Array(repeating: 0, count: featureCount), bias: 0,
            learningRate: learningRate, convention: convention)
    }

    /// The pre-activation `z = w · x + b`.
    public func weightedSum(_ x: [Double]) -> Double {
        Neural.weightedSum(x, weights: weights, bias: bias)
    }

    /// The predicted class, 0 or 1: `step(w · x + b)`.
    public func predict(_ x: [Double]) -> Int {
        Int(step(weightedSum(x), convention: convention))
    }

    /// Applies the learning rule for one sample with true class `label` (0 or 1) and returns the
    /// error `y − ŷ` (−1, 0 or 1) that drove the update.
    @discardableResult
    public mutating func learn(_ x: [Double], label: Int) -> Int {
        precondition(label == 0 || label == 1, "Perceptron.learn: label must be 0 or 1, got \(label)")
        let error = label - predict(x)
        if error != 0 {
            let scale = learningRate * Double(error)
            for index in weights.indices {
                weights[index] += scale * x[index]
            }
            bias += scale
        }
        return error
    }

    /// Runs the learning rule over the samples in order, `epochs` times, and reports what happened.
    ///
    /// Training does not stop early: it runs every epoch, as the classic algorithm does, and the
    /// history records the first epoch without a mistake.
    @discardableResult
    public mutating func train(_ inputs: [[Double]], labels: [Int], epochs: Int) -> PerceptronHistory {
        precondition(
            inputs.count == labels.count,
            "Perceptron.train: \(inputs.count) inputs but \(labels.count) labels")
        var history = PerceptronHistory()
        for _ in 0..<epochs {
            var mistakes = 0
            for (x, label) in zip(inputs, labels) where learn(x, label: label) != 0 {
                mistakes += 1
            }
            history.mistakesPerEpoch.append(mistakes)
        }
        return history
    }
}

/// What happened while a perceptron trained: the mistakes (updates) of every epoch.
public struct PerceptronHistory: Sendable, Equatable {
    /// The number of misclassified samples, hence of updates, in each epoch, in order.
    public var mistakesPerEpoch: [Int] = []

    /// The 1-based number of the first epoch without a mistake, or `nil` if every epoch had one.
    public var firstErrorFreeEpoch: Int? {
        mistakesPerEpoch.firstIndex(of: 0).map { $0 + 1 }
    }

    /// The total number of updates made.
    public var totalUpdates: Int {
        mistakesPerEpoch.reduce(0, +)
    }

    /// The number of updates made before the first error-free epoch (all of them if none was).
    public var updatesBeforeConvergence: Int {
        guard let epoch = firstErrorFreeEpoch else { return totalUpdates }
        return mistakesPerEpoch.prefix(epoch - 1).reduce(0, +)
    }
}
