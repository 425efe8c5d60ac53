import Neural

/// A training run of the model and in the precision its configuration asks for: builds the
/// network (initialised from the seed as `TrainingConfiguration.initialNetwork()` or
/// `initialCNN()` says, or from given parameters), then trains epoch by epoch and evaluates on request.
public final class TrainingSession {
    /// The run's settings.
    public let configuration: TrainingConfiguration
    /// The training examples.
    public let training: LabelledImages
    /// Epochs completed, counting those of a loaded weights file.
    public private(set) var epochsCompleted: Int
    private let trainer: any AnyTrainer

    /// A session on `training`. With `initialParameters` (in the `TrainingNetwork` or
    /// `ConvolutionalNetwork` layout, from a weights file) the network starts from them instead of
    /// a fresh initialisation, `startingEpoch` epochs in.
    ///
    /// - Precondition: `configuration.validate()` passes, `training` has the network's input width
    ///   (28×28 images with labels below 10 for the CNN), `initialParameters` has the network's
    ///   parameter count, and `startingEpoch` is in `0...TrainingLimits.maximumEpochCount`.
    public init(configuration: TrainingConfiguration, training: LabelledImages, initialParameters: [Double]? = nil, startingEpoch: Int = 0) {
        do {
            try configuration.validate()
        } catch {
            preconditionFailure("TrainingSession: invalid configuration: \(error)")
        }
        precondition((0...TrainingLimits.maximumEpochCount).contains(startingEpoch), "TrainingSession: bad starting epoch \(startingEpoch)")
        self.configuration = configuration
        self.training = training
        epochsCompleted = startingEpoch
        // BLAS threads are process-wide: one when the team shares the work, all of them otherwise.
        let threads = configuration.resolvedThreads
        BLAS.setThreadCount(configuration.parallelism == .team ? 1 : threads)
        switch (configuration.model, configuration.precision) {
        case (.mlp, .float): trainer = FloatTrainer(Self.makeTrainer(Float.self, configuration, training, initialParameters))
        case (.mlp, .double): trainer = DoubleTrainer(Self.makeTrainer(Double.self, configuration, training, initialParameters))
        case (.cnn, .float):
            trainer = FloatConvolutionalTrainer(Self.makeConvolutionalTrainer(Float.self, configuration, training, initialParameters))
        case (.cnn, .double):
            trainer = DoubleConvolutionalTrainer(Self.makeConvolutionalTrainer(Double.self, configuration, training, initialParameters))
        }
    }

    private static func makeConvolutionalTrainer<S: TrainingScalar>(
        _: S.Type, _ configuration: TrainingConfiguration, _ training: LabelledImages, _ initial: [Double]?
    ) -> ConvolutionalTrainer<S> {
        var generator = SeededGenerator(seed: configuration.seed)
        let network = ConvolutionalNetwork<S>(configuration.initialCNN(generator: &generator))
        if let initial { network.setParameters(initial) }
        return ConvolutionalTrainer(
            network: network, optimizer: configuration.optimizer, training: training,
            batchSize: configuration.batchSize, generator: generator,
            threads: configuration.parallelism == .team ? configuration.resolvedThreads : 1)
    }

    private static func makeTrainer<S: TrainingScalar>(
        _: S.Type, _ configuration: TrainingConfiguration, _ training: LabelledImages, _ initial: [Double]?
    ) -> Trainer<S> {
        var generator = SeededGenerator(seed: configuration.seed)
        let network = TrainingNetwork<S>(configuration.initialNetwork(generator: &generator))
        if let initial { network.setParameters(initial) }
        return Trainer(
            network: network, optimizer: configuration.optimizer, training: training,
            batchSize: configuration.batchSize, generator: generator,
            threads: configuration.parallelism == .team ? configuration.resolvedThreads : 1,
            dropout: configuration.dropout)
    }

    /// Batches in one epoch, `⌈examples / batch size⌉`.
    public var batchesPerEpoch: Int { trainer.batchesPerEpoch }

    /// Trains one epoch on a fresh shuffle. `onBatch(done)` runs after every batch; once
    /// `shouldStop()` is true the epoch ends after the current batch and is reported incomplete.
    /// A batch with a non-finite loss ends the epoch at once, reported `diverged` (and incomplete);
    /// so do non-finite parameters after the last batch. Each batch costs one comparison for this.
    ///
    /// - Precondition: `epochsCompleted < TrainingLimits.maximumEpochCount` (the weights file's counter).
    public func trainEpoch(shouldStop: () -> Bool = { false }, onBatch: (Int) -> Void = { _ in }) -> EpochTraining {
        precondition(epochsCompleted < TrainingLimits.maximumEpochCount, "TrainingSession: the epoch counter is at its limit")
        let clock = ContinuousClock()
        let start = clock.now
        let (tally, batches, diverged) = trainer.trainEpoch(shouldStop: shouldStop, onBatch: onBatch)
        let elapsed = clock.now - start
        let seconds = elapsed.seconds
        let completed = batches == batchesPerEpoch && !diverged
        if completed { epochsCompleted += 1 }
        let multiplyAdds = trainer.multiplyAddsPerEpoch * Double(batches) / Double(max(1, batchesPerEpoch))
        return EpochTraining(
            tally: tally, batches: batches, seconds: seconds, completed: completed, diverged: diverged, multiplyAdds: multiplyAdds)
    }

    /// Mean cross-entropy and accuracy on `set`.
    public func evaluate(_ set: LabelledImages) -> BatchTally { trainer.evaluate(set) }

    /// The current weights as a weights file (which records the model).
    public func weights() -> WeightsFile { trainer.weights(epochsCompleted: epochsCompleted) }
}
