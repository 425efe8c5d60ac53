import Testing
import Neural

/// Expected numbers come from an independent NumPy re-implementation of Rosenblatt's rule
/// (zeros init, per-sample updates in data order, `z > 0` unless stated), not from this library.
@Suite struct PerceptronTests {
    static let gateInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    @Test func weightedSumAndDecision() {
        // By hand: 0.6·1 − 0.4·0.5 − 0.1 = 0.3.
        let neuron = Perceptron(weights: [0.6, -0.4], bias: -0.1)
        #expect(abs(neuron.weightedSum([1, 0.5]) - 0.3) < 1e-12)
        #expect(neuron.predict([1, 0.5]) == 1)
        // By hand: 0.3·0.5 − 0.5·0.8 + 0.8·0.2 + 0.1 = 0.01.
        #expect(abs(weightedSum([0.5, 0.8, 0.2], weights: [0.3, -0.5, 0.8], bias: 0.1) - 0.01) < 1e-12)
    }

    @Test func learningRuleOnOneSample() {
        // By hand: w = [0.6, −0.4] − 0.1·[1, 0.5] = [0.5, −0.45], b = −0.2, z = 0.075.
        var neuron = Perceptron(weights: [0.6, -0.4], bias: -0.1, learningRate: 0.1)
        #expect(neuron.learn([1, 0.5], label: 0) == -1)
        #expect(abs(neuron.weights[0] - 0.5) < 1e-12)
        #expect(abs(neuron.weights[1] + 0.45) < 1e-12)
        #expect(abs(neuron.bias + 0.2) < 1e-12)
        #expect(abs(neuron.weightedSum([1, 0.5]) - 0.075) < 1e-12)
        #expect(neuron.learn([1, 0.5], label: 1) == 0)
    }

    @Test(arguments: [
        // (labels, convention, mistakes per epoch until the first clean one, weights, bias, predictions)
        ([0, 0, 0, 1], StepConvention.strictlyPositive, [1, 3, 3, 2, 1, 0], [0.02, 0.01], -0.02, [0, 0, 0, 1]),
        ([0, 0, 0, 1], .nonNegative, [2, 3, 3, 2, 1, 0], [0.02, 0.01], -0.03, [0, 0, 0, 1]),
        ([0, 1, 1, 1], .strictlyPositive, [1, 2, 1, 0], [0.01, 0.01], 0.0, [0, 1, 1, 1]),
        ([1, 1, 1, 0], .strictlyPositive, [2, 3, 3, 2, 1, 0], nil, nil, [1, 1, 1, 0]),
    ] as [([Int], StepConvention, [Int], [Double]?, Double?, [Int])])
    func trainsLogicGates(labels: [Int], convention: StepConvention, mistakes: [Int], weights: [Double]?, bias: Double?, predictions: [Int]) {
        var gate = Perceptron(featureCount: 2, learningRate: 0.01, convention: convention)
        let history = gate.train(Self.gateInputs, labels: labels, epochs: 100)
        #expect(Array(history.mistakesPerEpoch.prefix(mistakes.count)) == mistakes)
        #expect(history.firstErrorFreeEpoch == mistakes.count)
        #expect(history.updatesBeforeConvergence == mistakes.reduce(0, +))
        #expect(history.totalUpdates == mistakes.reduce(0, +))
        if let weights, let bias {
            #expect(zip(gate.weights, weights).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(abs(gate.bias - bias) < 1e-12)
        }
        #expect(Self.gateInputs.map { gate.predict($0) } == predictions)
    }

    @Test func xorNeverConverges() {
        // NumPy: mistakes per epoch 2, 3, then 4 forever; final predictions [1, 1, 0, 0].
        var gate = Perceptron(featureCount: 2, learningRate: 0.01)
        let history = gate.train(Self.gateInputs, labels: [0, 1, 1, 0], epochs: 100)
        #expect(history.firstErrorFreeEpoch == nil)
        #expect(Array(history.mistakesPerEpoch.prefix(3)) == [2, 3, 4])
        #expect(history.mistakesPerEpoch.last == 4)
        #expect(Self.gateInputs.map { gate.predict($0) } == [1, 1, 0, 0])
    }

    @Test(arguments: [(0.0, 0.0, 1.0), (1e-300, 1.0, 1.0), (-1e-300, 0.0, 0.0), (2.5, 1.0, 1.0), (-3, 0, 0)])
    func stepConventionsDifferOnlyAtZero(z: Double, strict: Double, inclusive: Double) {
        #expect(step(z, convention: .strictlyPositive) == strict)
        #expect(step(z, convention: .nonNegative) == inclusive)
    }
}
