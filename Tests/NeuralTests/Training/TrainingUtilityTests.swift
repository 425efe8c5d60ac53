import Testing
@testable import Neural

@Suite("Training utilities")
struct TrainingUtilityTests {
    @Test func clippingByNormMatchesPyTorch() {
        let gradients = [Matrix([[3.0, -4.0], [1.0, 2.0]]), Matrix([[0.5, -2.5, 1.0]])]
        // PyTorch: torch.nn.utils.clip_grad_norm_([p1, p2], max_norm=2.0) returns 6.123724356957945
        let clipped = clipGradientsByNorm(gradients, maxNorm: 2)
        #expect(isClose(clipped.totalNorm, 6.123724356957945))
        #expect(isClose(clipped.gradients[0], [[0.9797957371132974, -1.3063943161510632], [0.3265985790377658, 0.6531971580755316]], tolerance: 1e-14))
        #expect(isClose(clipped.gradients[1], [[0.1632992895188829, -0.8164964475944145, 0.3265985790377658]], tolerance: 1e-14))
        // By hand: a norm below the maximum is left alone.
        #expect(clipGradientsByNorm(gradients, maxNorm: 10).gradients == gradients)
    }

    @Test func clippingByValueMatchesPyTorch() {
        // PyTorch: torch.nn.utils.clip_grad_value_([p], 1.5)
        #expect(clipGradientsByValue([Matrix([[3.0, -4.0], [1.0, 2.0]])], clipValue: 1.5)[0].rowArrays == [[1.5, -1.5], [1.0, 1.5]])
    }

    @Test func numericalGradientAndRelativeError() {
        let x = Matrix([[1.0, -2.0], [0.5, 3.0]])
        // By hand: ∂(Σx³)/∂x = 3x²
        let numerical = numericalGradient(of: { $0.map { $0 * $0 * $0 }.sum() }, at: x)
        #expect(isClose(numerical, x.map { 3 * $0 * $0 }, tolerance: 1e-9))
        // By hand: |1 − 1.1| / 1.1
        #expect(isClose(relativeError(1, 1.1), 0.1 / 1.1))
        #expect(relativeError(0, 0) == 0)
        let wrong = GradientCheck(of: { $0.map { $0 * $0 * $0 }.sum() }, at: x, analytic: x.map { 2 * $0 * $0 })
        #expect(!wrong.passes())
    }

    @Test func miniBatchesWithSeededShuffling() {
        let inputs = Matrix(rows: 6, columns: 2) { i, j in Double(10 * i + j) }
        let targets = oneHotEncode([0, 1, 0, 1, 1, 0], classCount: 2)
        var generator = SeededGenerator(seed: 3)
        let batches = miniBatches(inputs: inputs, targets: targets, batchSize: 4, shuffledBy: &generator)
        // Python Fisher–Yates on SplitMix64 seed 3: permutation [5, 0, 2, 4, 1, 3]; batches of 4 then 2
        #expect(batches.map(\.indices) == [[5, 0, 2, 4], [1, 3]])
        #expect(batches[0].inputs.rowArrays == [[50, 51], [0, 1], [20, 21], [40, 41]])
        #expect(batches[1].targets.rowArrays == [[0, 1], [0, 1]])
        #expect(miniBatches(inputs: inputs, targets: targets, batchSize: 5).map(\.indices) == [[0, 1, 2, 3, 4], [5]])
    }

    @Test func oneHotAndAccuracy() {
        // NumPy: y_onehot = np.zeros((3, 3)); y_onehot[np.arange(3), [2, 0, 1]] = 1
        #expect(oneHotEncode([2, 0, 1], classCount: 3).rowArrays == [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        // By hand: 3 of 4 right
        #expect(accuracy(predictions: [1, 0, 2, 2], labels: [1, 0, 2, 1]) == 0.75)
        #expect(accuracy(scores: Matrix([[0.1, 0.9], [0.8, 0.2]]), labels: [1, 1]) == 0.5)
    }
}
