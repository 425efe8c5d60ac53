import Testing
@testable import Neural

@Suite("Regularisation")
struct RegularizationTests {
    let weights = [Matrix([[1.0, -2.0], [0.5, 0.0]]), Matrix([[3.0, -0.5]])]

    @Test func penaltiesAndTheirGradients() {
        // By hand: Σ|w| = 1 + 2 + 0.5 + 0 + 3 + 0.5 = 7; Σw² = 1 + 4 + 0.25 + 9 + 0.25 = 14.5
        #expect(isClose(l1Penalty(weights, lambda: 0.1), 0.7))
        #expect(isClose(l2Penalty(weights, lambda: 0.1), 0.725))
        #expect(l1PenaltyGradient(weights[0], lambda: 0.1).rowArrays == [[0.1, -0.1], [0.1, 0]])
        #expect(isClose(l2PenaltyGradient(weights[0], lambda: 0.1), [[0.1, -0.2], [0.05, 0]]))
        let w = Matrix([[1.0, -2.0], [0.5, 0.3]])
        #expect(GradientCheck(of: { l1Penalty([$0], lambda: 0.1) }, at: w, analytic: l1PenaltyGradient(w, lambda: 0.1)).passes())
        #expect(GradientCheck(of: { l2Penalty([$0], lambda: 0.1) }, at: w, analytic: l2PenaltyGradient(w, lambda: 0.1)).passes())
    }

    @Test func invertedDropoutTrainingAndInference() {
        let dropout = Dropout(rate: 0.4)
        let x = Matrix([[1, 2, 3], [4, 5, 6]])
        var generator = SeededGenerator(seed: 11)
        let pass = dropout.forward(x, training: true, using: &generator)
        // Python reimplementation (SplitMix64 seed 11): keep if u < 0.6, scale 1/0.6
        let k = 1 / 0.6
        #expect(isClose(pass.mask!, [[k, k, 0], [k, k, k]]))
        #expect(isClose(pass.output, [[k, 2 * k, 0], [4 * k, 5 * k, 6 * k]]))
        #expect(isClose(dropout.backward(pass, outputGradient: .ones(rows: 2, columns: 3)), pass.mask!))
        let inference = dropout.forward(x, training: false, using: &generator)
        #expect(inference.output == x && inference.mask == nil)
        // By hand: E[mask] = 1, so on many draws the mean is close to 1.
        let big = dropout.mask(rows: 200, columns: 200, using: &generator)
        #expect(abs(big.mean() - 1) < 0.03)
    }

    @Test func earlyStoppingFollowsTheSourcesRule() {
        var stopper = EarlyStopping(patience: 2, minDelta: 0.01)
        // By hand: 1.0 best; 0.995 not < 0.99; 0.98 best; 0.975, 0.979 no improvement → stop.
        let decisions = [1.0, 0.995, 0.98, 0.975, 0.979].map { stopper.shouldStop(validationLoss: $0) }
        #expect(decisions == [false, false, false, false, true])
        #expect(stopper.bestLoss == 0.98 && stopper.bestEpoch == 2)
    }
}
