import Foundation
import Neural

/// Everything that determines a training run besides the data.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The sources' network on MNIST-sized images: `[784, 256, 128, 10]`.
    public static let defaultLayerSizes = [784, 256, 128, 10]

    /// The network: an MLP with `layerSizes` (default) or source 004's SimpleCNN.
    public var model: ModelKind
    /// The layer widths of the MLP, input first, classes last (not used by the CNN).
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

    /// The sources' setup by default: the MLP `[784, 256, 128, 10]`, ReLU, SGD with `η = 0.1`,
    /// batch 64. With `model: .cnn`, `layerSizes` is not used; source 004 trains its CNN with
    /// `OptimizerSettings(kind: .adam, learningRate: 1e-3)` (see `cnnOptimizer`), batch 64.
    public init(
        model: ModelKind = .mlp, layerSizes: [Int] = defaultLayerSizes, activation: Activation = .relu,
        optimizer: OptimizerSettings = OptimizerSettings(kind: .sgd, learningRate: 0.1),
        batchSize: Int = 64, seed: UInt64 = 42, precision: Precision = .float,
        threads: Int? = nil, parallelism: Parallelism = .team, dropout: Double = 0
    ) {
        precondition(activation.isTrainable, "TrainingConfiguration: no training kernel for \(activation); use one of Activation.trainable")
        self.model = model
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

    /// Source 004's optimizer for its CNN: Adam, `η = 10⁻³`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 10⁻⁸`.
    public static let cnnOptimizer = OptimizerSettings(kind: .adam, learningRate: 1e-3)

    /// Source 004's SimpleCNN as `Neural` builds it, drawing from `generator` in module order:
    /// `Sequential([Conv2D(1→32, 3), ReLU(), MaxPool2D(2), Conv2D(32→64, 3), ReLU(), MaxPool2D(2),
    /// Flatten(), Linear(1600→128), ReLU(), Linear(128→10)])`, He normal weights (`N(0, 2/fanIn)`,
    /// `fanIn = Cin·3·3` for a convolution) and zero biases. The generator, after these draws,
    /// goes on to shuffle the batches of a session with `model: .cnn`.
    public func initialCNN(generator: inout SeededGenerator) -> Sequential {
        typealias L = ConvolutionalLayout
        let conv1 = Conv2D(
            inChannels: L.inputChannels, outChannels: L.channels1, kernelSize: L.kernelSide, initializer: .heNormal, generator: &generator)
        let conv2 = Conv2D(
            inChannels: L.channels1, outChannels: L.channels2, kernelSize: L.kernelSide, initializer: .heNormal, generator: &generator)
        let fc1 = Linear(inputs: L.flatFeatures, outputs: L.hiddenUnits, initializer: .heNormal, generator: &generator)
        let fc2 = Linear(inputs: L.hiddenUnits, outputs: L.classes, initializer: .heNormal, generator: &generator)
        return Sequential([
            conv1, ReLU(), MaxPool2D(kernelSize: 2), conv2, ReLU(), MaxPool2D(kernelSize: 2), Flatten(), fc1, ReLU(), fc2,
        ])
    }

    /// `initialCNN(generator:)` from a fresh `SeededGenerator(seed: seed)`: the exact network
    /// `workbook train --model cnn --seed` starts from, for a chapter to inspect with `Neural`.
    public func initialCNN() -> Sequential {
        var generator = SeededGenerator(seed: seed)
        return initialCNN(generator: &generator)
    }

    /// `threads`, or the number of available cores (at most `TrainingLimits.maximumThreads`).
    public var resolvedThreads: Int {
        max(1, threads ?? min(ProcessInfo.processInfo.activeProcessorCount, TrainingLimits.maximumThreads))
    }

    /// Checks every setting against `TrainingLimits`: the learning rate, momentum and weight decay,
    /// the batch size and the workspace it needs with these layers (or with the CNN), the layers
    /// (MLP), and `threads` when given (against `cores` available cores). The CNN has ReLU and no
    /// dropout. `TrainingSession` requires a valid configuration.
    ///
    /// - Throws: `TrainingSettingError` naming the first setting at fault.
    public func validate(cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(TrainingSettingError) {
        try TrainingLimits.checkLearningRate(optimizer.learningRate)
        try TrainingLimits.checkMomentum(optimizer.momentum)
        try TrainingLimits.checkWeightDecay(optimizer.weightDecay)
        try TrainingLimits.checkBatchSize(batchSize)
        try TrainingLimits.checkDropout(dropout)
        switch model {
        case .mlp:
            try TrainingLimits.checkLayers(layerSizes)
            try TrainingLimits.checkWorkspace(batchSize: batchSize, layerSizes: layerSizes)
        case .cnn:
            guard dropout == 0 else { throw TrainingSettingError(.dropout, "must be 0 for the CNN (it has no dropout layer), got \(dropout)") }
            guard activation == .relu else {
                throw TrainingSettingError(.activation, "must be relu for the CNN (source 004's SimpleCNN), got \(activation.trainingName)")
            }
            try TrainingLimits.checkConvolutionalWorkspace(batchSize: batchSize)
        }
        if let threads { try TrainingLimits.checkThreads(threads, cores: cores) }
    }
}
