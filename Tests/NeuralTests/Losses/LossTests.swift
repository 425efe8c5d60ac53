import Foundation
import Testing
@testable import Neural

@Suite("Losses")
struct LossTests {
    let predicted = Matrix([[0.5, 2.0, -1.0], [3.0, 0.1, 0.7]])
    let target = Matrix([[1.0, 0.0, -1.5], [0.5, 0.4, 0.7]])

    @Test func meanSquaredErrorMatchesPyTorch() {
        // PyTorch float64: F.mse_loss(pred, target) and pred.grad after backward()
        #expect(isClose(meanSquaredError(predicted: predicted, target: target), 1.8066666666666666))
        let expected: [[Double]] = [[-0.16666666666666666, 0.6666666666666666, 0.16666666666666666], [0.8333333333333333, -0.1, 0.0]]
        #expect(isClose(meanSquaredErrorGradient(predicted: predicted, target: target), expected))
    }

    @Test func meanAbsoluteErrorMatchesPyTorch() {
        // PyTorch float64: F.l1_loss(pred, target) and its gradient (sign(0) = 0)
        #expect(isClose(meanAbsoluteError(predicted: predicted, target: target), 0.9666666666666667))
        let sixth = 0.16666666666666666
        #expect(isClose(meanAbsoluteErrorGradient(predicted: predicted, target: target), [[-sixth, sixth, sixth], [sixth, -sixth, 0]]))
    }

    @Test(arguments: [
        // PyTorch float64: F.huber_loss(pred, target, delta=δ) and its gradient
        (1.0, 0.6325, [[-0.08333333333333333, 0.16666666666666666, 0.08333333333333333], [0.16666666666666666, -0.05, 0.0]]),
        (0.5, 0.3825, [[-0.08333333333333333, 0.08333333333333333, 0.08333333333333333], [0.08333333333333333, -0.05, 0.0]]),
    ])
    func huberLossMatchesPyTorch(delta: Double, loss: Double, gradient: [[Double]]) {
        #expect(isClose(huberLoss(predicted: predicted, target: target, delta: delta), loss))
        #expect(isClose(huberLossGradient(predicted: predicted, target: target, delta: delta), gradient))
    }

    @Test func binaryCrossEntropyMatchesPyTorch() {
        let p = Matrix([[0.9, 0.2], [0.35, 0.6]])
        let y = Matrix([[1, 0], [0, 1]])
        // PyTorch float64: F.binary_cross_entropy(p, y) and p.grad
        #expect(isClose(binaryCrossEntropy(predicted: p, target: y), 0.3175281517076203, tolerance: 1e-14))
        let expected: [[Double]] = [[-0.2777777777777778, 0.31249999999999994], [0.38461538461538464, -0.4166666666666667]]
        #expect(isClose(binaryCrossEntropyGradient(predicted: p, target: y), expected, tolerance: 1e-13))
    }

    @Test func categoricalCrossEntropyWithOneHotAndIndicesAgree() {
        let probabilities = Matrix([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
        // NumPy: -np.sum(onehot * np.log(np.clip(p, 1e-12, 1 - 1e-12))) / 2
        let expected = 0.7803238741323343
        #expect(isClose(crossEntropy(probabilities: probabilities, oneHot: Matrix([[1, 0, 0], [0, 1, 0]])), expected))
        #expect(isClose(crossEntropy(probabilities: probabilities, classIndices: [0, 1]), expected))
        #expect(isClose(categoricalCrossEntropy(probabilities: probabilities, oneHot: oneHotEncode([0, 1], classCount: 3)), expected))
    }

    @Test func crossEntropyFromLogitsAndFusedGradientMatchPyTorch() {
        let logits = Matrix([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
        // PyTorch float64: F.cross_entropy(logits, torch.tensor([0, 2])) and logits.grad
        #expect(isClose(crossEntropy(logits: logits, classIndices: [0, 2]), 2.035104111700061, tolerance: 1e-14))
        let expected: [[Double]] = [
            [-0.17049943055701605, 0.12121648535235695, 0.0492829452046591],
            [0.058057267337070576, 0.4289884053042286, -0.4870456726412992],
        ]
        let probabilities = softmax(logits)
        #expect(isClose(softmaxCrossEntropyGradient(probabilities: probabilities, classIndices: [0, 2]), expected, tolerance: 1e-13))
        // The fused gradient equals the chain rule through softmax's Jacobian.
        let oneHot = oneHotEncode([0, 2], classCount: 3)
        let chained = Activation.softmax.backward(
            preActivation: logits, activation: probabilities,
            outputGradient: crossEntropyGradient(probabilities: probabilities, oneHot: oneHot))
        #expect(isClose(chained, expected, tolerance: 1e-12))
    }

    @Test func theSourcesSoftmaxCrossEntropyExample() {
        // NumPy: s = softmax([0.895, -0.895]); -np.log(s[1]) == 1.9444022221881463, s == [0.857, 0.143]
        let probabilities = softmax(Matrix([[0.895, -0.895]]))
        #expect(isClose(crossEntropy(probabilities: probabilities, classIndices: [1]), 1.9444022221881463, tolerance: 1e-12))
        // ∂L/∂z₂ = a₂ − y = [0.857, −0.857] in the source
        #expect(isClose(softmaxCrossEntropyGradient(probabilities: probabilities, oneHot: Matrix([[0, 1]])),
                        [[0.8569272765199192, -0.8569272765199192]], tolerance: 1e-12))
    }

    @Test func probabilitiesZeroAndOneAreClippedToFiniteLosses() {
        // NumPy: p = np.clip([0, 1, 0, 1], 1e-15, 1 - 1e-15); -np.mean(y*np.log(p) + (1-y)*np.log(1-p)), y = [1, 0, 0, 1]
        let bce = binaryCrossEntropy(predicted: Matrix([[0, 1, 0, 1]]), target: Matrix([[1, 0, 0, 1]]))
        #expect(bce.isFinite && isClose(bce, 17.26958809681289, tolerance: 1e-12))
        // NumPy: -np.sum(y * np.log(np.clip([[0, 1], [1, 0]], 1e-12, 1 - 1e-12))) / 2, y = [[1, 0], [1, 0]]
        let cce = crossEntropy(probabilities: Matrix([[0, 1], [1, 0]]), classIndices: [0, 0])
        #expect(cce.isFinite && isClose(cce, 13.815510557964773, tolerance: 1e-12))
        #expect(binaryCrossEntropyGradient(predicted: Matrix([[0, 1]]), target: Matrix([[1, 0]])).elements.allSatisfy { $0.isFinite })
        #expect(crossEntropyGradient(probabilities: Matrix([[0, 1]]), oneHot: Matrix([[1, 0]])).elements.allSatisfy { $0.isFinite })
    }

    @Test func everyLossGradientPassesCentralDifferences() {
        let p = Matrix([[0.9, 0.2], [0.35, 0.6]])
        let y = Matrix([[1, 0], [0, 1]])
        let checks = [
            GradientCheck(of: { meanSquaredError(predicted: $0, target: target) }, at: predicted,
                          analytic: meanSquaredErrorGradient(predicted: predicted, target: target)),
            GradientCheck(of: { meanAbsoluteError(predicted: $0, target: target) }, at: predicted + Matrix([[0, 0, 0], [0, 0, 0.3]]),
                          analytic: meanAbsoluteErrorGradient(predicted: predicted + Matrix([[0, 0, 0], [0, 0, 0.3]]), target: target)),
            GradientCheck(of: { huberLoss(predicted: $0, target: target, delta: 0.8) }, at: predicted,
                          analytic: huberLossGradient(predicted: predicted, target: target, delta: 0.8)),
            GradientCheck(of: { binaryCrossEntropy(predicted: $0, target: y) }, at: p,
                          analytic: binaryCrossEntropyGradient(predicted: p, target: y)),
            GradientCheck(of: { crossEntropy(probabilities: $0, oneHot: y) }, at: p,
                          analytic: crossEntropyGradient(probabilities: p, oneHot: y)),
            GradientCheck(of: { crossEntropy(logits: $0, oneHot: y) }, at: p,
                          analytic: softmaxCrossEntropyGradient(probabilities: softmax(p), oneHot: y)),
        ]
        for check in checks {
            #expect(check.passes(), "relative error \(check.relativeError)")
        }
    }

    @Test func squaredErrorOfOnePrediction() {
        // By hand: (1 − 0.75)² = 0.0625 and 2(0.75 − 1) = −0.5
        #expect(squaredError(predicted: 0.75, target: 1) == 0.0625)
        #expect(squaredErrorDerivative(predicted: 0.75, target: 1) == -0.5)
    }
}
