import Foundation
import Neural

/// Everything that determines a training run besides the data.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The sources' network on MNIST-sized images: `[784, 256, 128, 10]`.
    public static let defaultLayerSizes = [784, 256, 128, 10]

    /// The layer widths, input first, classes last.
    public var layerSizes: [Int]
    /// The hidden-layer nonlinearity.
    public var activation: Activation
    /// The update rule and its hyperparameters.
    public var optimizer: OptimizerSettings
    /// Examples per batch.
    public var batchSize: Int
    /// The seed of weight initialisation and shuffling.
    public var seed: UInt64
    /// The precision of weights and arithmetic.
    public var precision: Precision
    /// Threads to train on; nil means one per available core.
    public var threads: Int?
    /// Who runs those threads: a team sharing each step (default) or BLAS inside each product.
    public var parallelism: Parallelism
    /// The probability `p` with which inverted dropout zeroes each hidden activation in training
    /// (kept ones are scaled by `1/(1 − p)`); 0 turns it off. Source 004 uses 0.3.
    public var dropout: Double

    /// The sources' setup by default: `[784, 256, 128, 10]`, ReLU, SGD with `η = 0.1`, batch 64.
    public init(
        layerSizes: [Int] = defaultLayerSizes, activation: Activation = .relu,
        optimizer: OptimizerSettings = OptimizerSettings(kind: .sgd, learningRate: 0.1),
        batchSize: Int = 64, seed: UInt64 = 42, precision: Precision = .float,
        threads: Int? = nil, parallelism: Parallelism = .team, dropout: Double = 0
    ) {
        precondition(activation.isTrainable, "TrainingConfiguration: no training kernel for \(activation); use one of Activation.trainable")
        self.layerSizes = layerSizes
        self.activation = activation
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.seed = seed
        self.precision = precision
        self.threads = threads
        self.parallelism = parallelism
        self.dropout = dropout
    }

    /// The network a session with this configuration starts from, as `Neural` builds it:
    /// `SeededGenerator(seed:)`, then `MultilayerPerceptron(sizes:hiddenActivation:outputActivation:initializer:generator:)`
    /// with softmax output, `activation.trainingInitializer` and zero biases. The generator, after
    /// these draws, goes on to shuffle the batches.
    public func initialNetwork(generator: inout SeededGenerator) -> MultilayerPerceptron {
        MultilayerPerceptron(
            sizes: layerSizes, hiddenActivation: activation, outputActivation: .softmax,
            initializer: activation.trainingInitializer, generator: &generator)
    }

    /// `initialNetwork(generator:)` from a fresh `SeededGenerator(seed: seed)`: the exact network
    /// `workbook train --seed` starts from, for a chapter to inspect with `Neural`.
    public func initialNetwork() -> MultilayerPerceptron {
        var generator = SeededGenerator(seed: seed)
        return initialNetwork(generator: &generator)
    }

    /// `threads`, or the number of available cores (at most `TrainingLimits.maximumThreads`).
    public var resolvedThreads: Int {
        max(1, threads ?? min(ProcessInfo.processInfo.activeProcessorCount, TrainingLimits.maximumThreads))
    }

    /// Checks every setting against `TrainingLimits`: the learning rate, momentum and weight decay,
    /// the batch size and the workspace it needs with these layers, the layers, and `threads` when
    /// given (against `cores` available cores). `TrainingSession` requires a valid configuration.
    ///
    /// - Throws: `TrainingSettingError` naming the first setting at fault.
    public func validate(cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(TrainingSettingError) {
        try TrainingLimits.checkLearningRate(optimizer.learningRate)
        try TrainingLimits.checkMomentum(optimizer.momentum)
        try TrainingLimits.checkWeightDecay(optimizer.weightDecay)
        try TrainingLimits.checkBatchSize(batchSize)
        try TrainingLimits.checkDropout(dropout)
        try TrainingLimits.checkLayers(layerSizes)
        try TrainingLimits.checkWorkspace(batchSize: batchSize, layerSizes: layerSizes)
        if let threads { try TrainingLimits.checkThreads(threads, cores: cores) }
    }
}
