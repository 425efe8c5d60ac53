import Neural
import Testing
@testable import NeuralTraining

/// One seed, one network: `workbook train --seed S` starts from the network `Neural` builds from
/// `SeededGenerator(seed: S)`, and a chapter can rebuild it with plain `Neural` names.
@Suite struct InitialNetworkTests {
    static func flattened(_ network: MultilayerPerceptron) -> [Double] {
        network.layers.flatMap { $0.weights.elements + $0.bias.elements }
    }

    @Test(arguments: Activation.trainable, [UInt64(42), 7])
    func theSessionStartsFromTheConfigurationsNetwork(activation: Activation, seed: UInt64) {
        let configuration = TrainingConfiguration(
            layerSizes: [16, 5, 4, 4], activation: activation, seed: seed, precision: .double, threads: 1)
        let session = TrainingSession(configuration: configuration, training: TrainingSessionTests.stripes)
        let expected = Self.flattened(configuration.initialNetwork())
        #expect(session.weights().parameters == expected)
        #expect(session.weights().activation == activation)
    }

    @Test func aChapterRebuildsTheDefaultNetworkWithNeuralAlone() {
        var generator = SeededGenerator(seed: 42)
        let chapters = MultilayerPerceptron(
            sizes: [784, 256, 128, 10], hiddenActivation: .relu, initializer: .heNormal, generator: &generator)
        let configuration = TrainingConfiguration(seed: 42, precision: .double)
        #expect(configuration.initialNetwork() == chapters)
        // references/train-initial-network.py: SplitMix64 and Box–Muller in Python, times √(2/784).
        let first = Array(chapters.layers[0].weights.elements.prefix(3))
        let reference = [0.04456029887744148, 0.07012849110880724, -0.022771357458422722]
        for (value, expected) in zip(first, reference) {
            #expect(abs(value - expected) <= 1e-15)
        }
    }

    @Test func aFloatNetworkIsTheDoubleNetworkRounded() {
        let configuration = TrainingConfiguration(layerSizes: [6, 5, 3], seed: 3, precision: .float)
        let network = TrainingNetwork<Float>(configuration.initialNetwork())
        #expect(network.parameterValues == Self.flattened(configuration.initialNetwork()).map(Float.init))
    }

    @Test func theTrainableActivationsAreNamedOnceAndRoundTrip() {
        #expect(Activation.trainable.map(\.trainingName) == ["relu", "leaky-relu", "tanh", "sigmoid"])
        for activation in Activation.trainable {
            #expect(Activation(trainingName: activation.trainingName) == activation)
        }
        #expect(Activation(trainingName: "gelu") == nil)
        #expect(!Activation.gelu.isTrainable)
    }
}
