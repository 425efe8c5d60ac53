import Neural
import Testing
@testable import NeuralTraining

/// The CNN's session: it starts from `initialCNN()`, learns, stops and diverges as the MLP's does,
/// and its settings are checked.
@Suite struct ConvolutionalTrainerTests {
    static func configuration(
        precision: Precision = .double, seed: UInt64 = 42, learningRate: Double = 1e-3, batchSize: Int = 16, threads: Int = 1
    ) -> TrainingConfiguration {
        TrainingConfiguration(
            model: .cnn, optimizer: OptimizerSettings(kind: .adam, learningRate: learningRate), batchSize: batchSize, seed: seed,
            precision: precision, threads: threads)
    }

    @Test func theLayoutIsNeuralsParameterOrder() {
        let cnn = Self.configuration().initialCNN()
        #expect(ConvolutionalLayout.parameterCount == 225_034)
        #expect(cnn.parameterCount == ConvolutionalLayout.parameterCount)
        #expect(cnn.parameters.map(\.shape) == ConvolutionalLayout.parameterShapes)
        #expect(ConvolutionalNetwork<Double>(cnn).parameterValues == cnn.parameters.flatMap(\.elements))
        let permutation = ConvolutionalNetwork<Float>().kernelPermutation.map(Int.init)
        #expect(permutation.sorted() == Array(0..<(64 * 288)))
        // conv2.weight[o = 1, c = 2, i = 0, j = 1] (row-major 1·288 + 2·9 + 1) sits at K[1, 0, 1, 2].
        #expect(permutation[288 + 18 + 1] == 288 + (0 * 3 + 1) * 32 + 2)
    }

    /// The modules are `Neural`'s SimpleCNN, He normal: conv1's weights have standard deviation
    /// about `√(2/9)`, conv2's `√(2/288)`, and every bias is zero.
    @Test func theInitialCNNIsHeNormalWithZeroBiases() {
        let cnn = Self.configuration(seed: 3).initialCNN()
        #expect(cnn.modules.map { String(describing: type(of: $0)) }
            == ["Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Flatten", "Linear", "ReLU", "Linear"])
        func standardDeviation(_ t: Tensor) -> Double { (t.elements.map { $0 * $0 }.reduce(0, +) / Double(t.count)).squareRoot() }
        let p = cnn.parameters
        #expect(abs(standardDeviation(p[0]) / (2.0 / 9).squareRoot() - 1) < 0.2)
        #expect(abs(standardDeviation(p[2]) / (2.0 / 288).squareRoot() - 1) < 0.05)
        #expect(abs(standardDeviation(p[4]) / (2.0 / 1600).squareRoot() - 1) < 0.05)
        #expect([p[1], p[3], p[5], p[7]].allSatisfy { $0.elements.allSatisfy { $0 == 0 } })
    }

    @Test(arguments: Precision.allCases)
    func theSessionStartsFromTheConfigurationsCNN(precision: Precision) {
        let configuration = Self.configuration(precision: precision, seed: 9)
        let session = TrainingSession(configuration: configuration, training: SampleImages.synthetic(20))
        let expected = configuration.initialCNN().parameters.flatMap(\.elements)
        let weights = session.weights()
        #expect(weights.model == .cnn && weights.layerSizes == [1, 32, 64, 128, 10] && weights.precision == precision)
        #expect(weights.parameters == (precision == .float ? expected.map { Double(Float($0)) } : expected))
    }

    @Test(arguments: [(Precision.float, 1), (.float, 2), (.double, 2)])
    func learnsAnEasyProblem(precision: Precision, threads: Int) {
        let images = SampleImages.synthetic(120, seed: 4)
        let session = TrainingSession(
            configuration: Self.configuration(precision: precision, batchSize: 12, threads: threads), training: images)
        #expect(session.batchesPerEpoch == 10)
        let first = session.trainEpoch()
        var last = first
        for _ in 0..<3 { last = session.trainEpoch() }
        #expect(last.completed && last.tally.examples == 120 && session.epochsCompleted == 4)
        #expect(last.tally.meanLoss < first.tally.meanLoss / 2)
        #expect(session.evaluate(images).accuracy > 0.9)
        #expect(last.multiplyAdds == 120 * 6_537_216)
    }

    /// A team larger than the batch: the idle member contributes a zero gradient, and the team
    /// computes what one thread does (up to the order of the sums).
    @Test func aTeamLargerThanTheBatchComputesWhatOneThreadDoes() {
        let images = SampleImages.synthetic(2)
        func gradient(threads: Int) -> (Double, [Double]) {
            var generator = SeededGenerator(seed: 8)
            let cnn = Self.configuration(seed: 8).initialCNN(generator: &generator)
            let trainer = ConvolutionalTrainer<Double>(
                network: ConvolutionalNetwork(cnn), optimizer: TrainingConfiguration.cnnOptimizer, training: images, batchSize: 2,
                generator: generator, threads: threads)
            let result = trainer.lossAndGradient(examples: [1])
            return (result.loss, result.gradient)
        }
        let (loss1, gradient1) = gradient(threads: 1), (loss3, gradient3) = gradient(threads: 3)
        #expect(abs(loss1 - loss3) <= 1e-14)
        #expect(OneTruthTests.largestDifference(gradient1, gradient3) <= 1e-14)
        #expect(gradient1.contains { $0 != 0 })
    }

    @Test func stopsAfterTheCurrentBatchWhenAsked() {
        let session = TrainingSession(configuration: Self.configuration(batchSize: 4), training: SampleImages.synthetic(20))
        var seen = 0
        let result = session.trainEpoch(shouldStop: { seen >= 2 }, onBatch: { seen = $0 })
        #expect(result.batches == 2 && !result.completed && !result.diverged && result.tally.examples == 8)
        #expect(session.epochsCompleted == 0)
    }

    /// `η = 10³⁹` is infinite in `Float`: the first update makes every parameter infinite, the
    /// next batch's loss is NaN, and the epoch stops there, diverged.
    @Test func aNonFiniteLossStopsTheEpoch() {
        let session = TrainingSession(
            configuration: Self.configuration(precision: .float, learningRate: 1e39, batchSize: 4), training: SampleImages.synthetic(20))
        let result = session.trainEpoch()
        #expect(result.diverged && !result.completed && result.batches == 2)
        #expect(session.epochsCompleted == 0)
    }

    @Test func resumesFromSavedWeights() {
        let images = SampleImages.synthetic(16)
        let first = TrainingSession(configuration: Self.configuration(batchSize: 8), training: images)
        _ = first.trainEpoch()
        let saved = first.weights()
        #expect(saved.epochsCompleted == 1)
        let resumed = TrainingSession(
            configuration: Self.configuration(seed: 1, batchSize: 8), training: images, initialParameters: saved.parameters,
            startingEpoch: saved.epochsCompleted)
        #expect(resumed.weights() == saved)
        #expect(resumed.evaluate(images) == first.evaluate(images))
    }

    @Test(arguments: [
        (TrainingConfiguration(model: .cnn, dropout: 0.3), TrainingSettingError(.dropout, "must be 0 for the CNN (it has no dropout layer), got 0.3")),
        (TrainingConfiguration(model: .cnn, activation: .tanh),
         TrainingSettingError(.activation, "must be relu for the CNN (source 004's SimpleCNN), got tanh")),
        (TrainingConfiguration(model: .cnn, batchSize: 65_537), TrainingSettingError(.batchSize, "must be between 1 and 65536, got 65537")),
    ])
    func theCNNsSettingsAreChecked(configuration: TrainingConfiguration, error: TrainingSettingError) {
        #expect(throws: error) { try configuration.validate() }
    }

    /// The CNN keeps 9 658 scalars per image of batch from the forward to the backward pass
    /// (7 930 per image in evaluation, 250 images at a time); its largest batch fits.
    @Test func theLargestCNNBatchFits() throws {
        #expect(TrainingLimits.convolutionalWorkspaceScalars(batchSize: 64) == 250 * 7_930)
        #expect(TrainingLimits.convolutionalWorkspaceScalars(batchSize: 65_536) == 65_536 * 9_658)
        #expect(TrainingLimits.convolutionalWorkspaceScalars(batchSize: .max) == nil)
        try TrainingConfiguration(model: .cnn, batchSize: 65_536).validate()
        // The layers of an MLP do not matter to the CNN.
        try TrainingConfiguration(model: .cnn, layerSizes: [1 << 20, 1 << 20, 10]).validate()
    }
}
