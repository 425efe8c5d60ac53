import Testing
@testable import Neural

/// Values the earlier API could not show: softmax's intermediate steps and a network's size.
@Suite struct SoftmaxStepsTests {
    /// NumPy: `e = np.exp(z - z.max())` for z = [1, 2, 3], `e.sum()`, `e / e.sum()`.
    @Test func softmaxShowsItsShiftExponentialsAndSum() {
        let steps = SoftmaxSteps([1, 2, 3])
        #expect(steps.shift == 3)
        for (value, expected) in zip(steps.exponentials, [0.1353352832366127, 0.36787944117144233, 1.0]) {
            #expect(abs(value - expected) <= 1e-15)
        }
        #expect(abs(steps.sum - 1.5032147244080551) <= 1e-15)
        for (value, expected) in zip(steps.probabilities, [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]) {
            #expect(abs(value - expected) <= 1e-15)
        }
        #expect(steps.probabilities == softmax([1, 2, 3]))
    }

    /// By hand: 784·256 + 256 + 256·128 + 128 + 128·10 + 10 = 235 146 (chapter 12).
    @Test func aNetworkCountsItsParameters() {
        var generator = SeededGenerator(seed: 1)
        let network = MultilayerPerceptron(sizes: [784, 256, 128, 10], generator: &generator)
        #expect(network.parameterCount == 235_146)
    }
}
