import Neural
import Testing
@testable import NeuralTraining

/// One truth, two speeds: `Neural`'s autograd `Tensor` is the reference, `NeuralTraining` the fast
/// path. Given the same weights and the same batch (Fashion-MNIST's first test images, or a fixed
/// synthetic batch without the dataset; see `SampleImages`), both compute the same mean
/// cross-entropy and the same gradient of every parameter, in `Double`, on one thread and on a
/// team of two; and one Adam step of the fast CNN is one `TensorOptimizer` Adam step.
///
/// Tolerance: `1e-10` absolute on the loss and on every gradient entry and parameter (all of
/// order 1 or below: losses near 2.3, gradients below 1, parameters below 2); both sides
/// compute in `Double`, so they differ by summation order only (about 1e-16 relative).
@Suite struct OneTruthTests {
    static let tolerance = 1e-10

    /// The largest `|a − b|` over two equally long arrays.
    static func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// The reference's mean loss and every parameter's gradient, in `Neural`'s parameter order.
    static func reference(_ model: Sequential, input: Tensor, labels: [Int]) -> (loss: Double, gradient: [Double]) {
        model.zeroGrad()
        let loss = crossEntropy(logits: model(input), classIndices: labels)
        loss.backward()
        return (loss.elements[0], model.parameters.flatMap { $0.grad!.elements })
    }

    /// The sources' MLP shape, narrower: `Sequential` of `Linear`/`ReLU` holding the
    /// `MultilayerPerceptron`'s weights, against `Trainer`'s fused kernels.
    @Test(arguments: [1, 2])
    func theMLPsLossAndGradientAreNeurals(threads: Int) {
        let (images, _) = SampleImages.first(16)
        var generator = SeededGenerator(seed: 7)
        let configuration = TrainingConfiguration(layerSizes: [784, 48, 32, 10], seed: 7, precision: .double)
        let mlp = configuration.initialNetwork(generator: &generator)
        let trainer = Trainer<Double>(
            network: TrainingNetwork(mlp), optimizer: OptimizerSettings(kind: .sgd, learningRate: 0.1), training: images,
            batchSize: 16, generator: generator, threads: threads)
        let fast = trainer.lossAndGradient(examples: Array(0..<16))

        var modules: [any Module] = []
        for (l, layer) in mlp.layers.enumerated() {
            modules.append(Linear(layer))
            if l < mlp.layers.count - 1 { modules.append(ReLU()) }
        }
        let reference = Self.reference(
            Sequential(modules), input: SampleImages.tensor(images, flat: true), labels: SampleImages.classIndices(images))
        #expect(abs(fast.loss - reference.loss) <= Self.tolerance)
        #expect(fast.gradient.count == reference.gradient.count)
        #expect(Self.largestDifference(fast.gradient, reference.gradient) <= Self.tolerance)
        #expect(reference.gradient.contains { abs($0) > 1e-3 }, "the comparison is not of zeros")
    }

    /// Source 004's CNN from `TrainingConfiguration.initialCNN()`, against `ConvolutionalTrainer`:
    /// six images on one thread in chunks of 4 and 2 (the kernel gradients accumulate) or of 1,
    /// and on two threads in one chunk of 3 each.
    @Test(arguments: [(1, 4), (1, 1), (2, 4)])
    func theCNNsLossAndGradientAreNeurals(threads: Int, chunk: Int) {
        let (images, _) = SampleImages.first(6)
        var generator = SeededGenerator(seed: 42)
        let cnn = TrainingConfiguration(model: .cnn, precision: .double).initialCNN(generator: &generator)
        let trainer = ConvolutionalTrainer<Double>(
            network: ConvolutionalNetwork(cnn), optimizer: TrainingConfiguration.cnnOptimizer, training: images,
            batchSize: 6, generator: generator, threads: threads, chunk: chunk)
        let fast = trainer.lossAndGradient(examples: Array(0..<6))
        let reference = Self.reference(cnn, input: SampleImages.tensor(images), labels: SampleImages.classIndices(images))
        #expect(abs(fast.loss - reference.loss) <= Self.tolerance)
        #expect(fast.gradient.count == ConvolutionalLayout.parameterCount)
        // Parameter by parameter, so that a failure names the tensor.
        var offset = 0
        for (index, parameter) in cnn.parameters.enumerated() {
            let count = parameter.count
            let difference = Self.largestDifference(
                Array(fast.gradient[offset..<(offset + count)]), Array(reference.gradient[offset..<(offset + count)]))
            #expect(difference <= Self.tolerance, "parameter \(index) \(parameter.shape)")
            #expect(reference.gradient[offset..<(offset + count)].contains { $0 != 0 }, "parameter \(index) has a zero gradient")
            offset += count
        }
    }

    /// Two steps of the fast CNN's Adam (bias corrections folded into the step size; the second
    /// step reads conv2's permuted kernels refreshed after the first) are two steps of
    /// `TensorOptimizer` with `Neural`'s `Adam(learningRate: 0.001)` on the same batches.
    @Test func adamStepsOfTheCNNAreNeurals() {
        let (images, _) = SampleImages.first(6)
        var generator = SeededGenerator(seed: 5)
        let cnn = TrainingConfiguration(model: .cnn, seed: 5, precision: .double).initialCNN(generator: &generator)
        let network = ConvolutionalNetwork<Double>(cnn)
        let trainer = ConvolutionalTrainer<Double>(
            network: network, optimizer: TrainingConfiguration.cnnOptimizer, training: images, batchSize: 3, generator: generator,
            threads: 2)
        let optimizer = TensorOptimizer(cnn.parameters, rule: Adam(learningRate: 1e-3))
        let before = network.parameterValues
        for batch in [[0, 1, 2], [3, 4, 5]] {
            let fastLoss = trainer.trainStep(examples: batch)
            let part = images.subset(batch)
            optimizer.zeroGrad()
            let loss = crossEntropy(logits: cnn(SampleImages.tensor(part)), classIndices: SampleImages.classIndices(part))
            loss.backward()
            optimizer.step()
            #expect(abs(fastLoss - loss.elements[0]) <= Self.tolerance)
            #expect(Self.largestDifference(network.parameterValues, cnn.parameters.flatMap(\.elements)) <= Self.tolerance)
        }
        // Adam moves every parameter with a gradient by about η per step: the steps are not no-ops.
        #expect(Self.largestDifference(before, network.parameterValues) > 1e-3)
    }
}
