import Foundation
import Testing
@testable import Neural

/// The tensor losses against the Matrix losses of chapter 4: the same numbers, and autograd's
/// gradients against the hand-written ones.
@Suite("Tensor losses")
struct TensorLossTests {
    let predicted = Matrix([[0.5, 2.0, -1.0], [3.0, 0.1, 0.7]])
    let target = Matrix([[1.0, 0.0, -1.5], [0.5, 0.4, 0.7]])

    /// Autograd and the hand-written gradients order their arithmetic differently (2r/n against
    /// (1/n)·2r, say), so they agree to a few ulps, not bit for bit.
    let rounding = 1e-15

    private func lossAndGradient(_ loss: (Tensor, Tensor) -> Tensor) -> (Double, Matrix) {
        let p = Tensor(predicted, requiresGrad: true)
        let value = loss(p, Tensor(target))
        value.backward()
        return (value.item, p.grad!.matrix)
    }

    @Test func meanSquaredErrorIsChapterFours() {
        let (value, gradient) = lossAndGradient { meanSquaredError(predicted: $0, target: $1) }
        #expect(isClose(value, meanSquaredError(predicted: predicted, target: target), tolerance: rounding))
        #expect(isClose(gradient, meanSquaredErrorGradient(predicted: predicted, target: target), tolerance: rounding))
    }

    @Test func meanAbsoluteErrorIsChapterFours() {
        let (value, gradient) = lossAndGradient { meanAbsoluteError(predicted: $0, target: $1) }
        #expect(isClose(value, meanAbsoluteError(predicted: predicted, target: target), tolerance: rounding))
        // Including sign(0) = 0 where ŷ = y.
        #expect(isClose(gradient, meanAbsoluteErrorGradient(predicted: predicted, target: target), tolerance: rounding))
        #expect(gradient[1, 2] == 0)
    }

    @Test(arguments: [0.5, 1, 2])
    func huberLossIsChapterFours(_ delta: Double) {
        let (value, gradient) = lossAndGradient { huberLoss(predicted: $0, target: $1, delta: delta) }
        #expect(isClose(value, huberLoss(predicted: predicted, target: target, delta: delta), tolerance: rounding))
        #expect(isClose(gradient, huberLossGradient(predicted: predicted, target: target, delta: delta), tolerance: rounding))
    }

    @Test(arguments: [0.5, 1, 2])
    func smoothL1IsHuberDividedByBeta(_ beta: Double) {
        let (smooth, smoothGradient) = lossAndGradient { smoothL1Loss(predicted: $0, target: $1, beta: beta) }
        let (huber, huberGradient) = lossAndGradient { huberLoss(predicted: $0, target: $1, delta: beta) }
        #expect(isClose(smooth, huber / beta, tolerance: rounding))
        #expect(isClose(smoothGradient, (1 / beta) * huberGradient, tolerance: rounding))
    }

    @Test func binaryCrossEntropyIsChapterFours() {
        let p = Matrix([[0.9, 0.2], [0.35, 0.6]])
        let y = Matrix([[1, 0], [0, 1]])
        let probabilities = Tensor(p, requiresGrad: true)
        let loss = binaryCrossEntropy(predicted: probabilities, target: Tensor(y))
        loss.backward()
        #expect(isClose(loss.item, binaryCrossEntropy(predicted: p, target: y), tolerance: rounding))
        #expect(isClose(probabilities.grad!.matrix, binaryCrossEntropyGradient(predicted: p, target: y), tolerance: 1e-14))
    }

    @Test func binaryCrossEntropyClampsCertainWrongAnswers() {
        // p = 0 and 1 are clamped to [1e-12, 1 − 1e-12]: a large finite loss, −ln 1e-12 ≈ 27.63 each.
        let loss = binaryCrossEntropy(predicted: Tensor([0, 1]), target: Tensor([1, 0]), reduction: .sum)
        #expect(loss.item.isFinite)
        #expect(isClose(loss.item, -2 * log(1e-12), tolerance: 1e-4))
        #expect(isClose(binaryCrossEntropy(predicted: Tensor([1]), target: Tensor([1])).item, 0, tolerance: 1e-11))
    }

    @Test func crossEntropyFromLogitsIsChapterFours() {
        let logits = Matrix([[2.0, -1.0, 0.5], [-0.3, 0.8, 1.7], [0.0, 0.4, -0.6], [1.2, 1.2, -2.0]])
        let classes = [0, 2, 1, 1]
        let z = Tensor(logits, requiresGrad: true)
        let loss = crossEntropy(logits: z, classIndices: classes)
        loss.backward()
        #expect(isClose(loss.item, crossEntropy(logits: logits, classIndices: classes), tolerance: rounding))
        // The fused gradient (softmax(z) − y)/N.
        let expected = softmaxCrossEntropyGradient(probabilities: softmax(logits), classIndices: classes)
        #expect(isClose(z.grad!.matrix, expected, tolerance: rounding))
        // The one-hot form is the same loss.
        let oneHot = crossEntropy(logits: Tensor(logits), oneHot: Tensor(oneHotEncode(classes, classCount: 3)))
        #expect(oneHot.item == loss.item)
        // And it is the probabilities' cross-entropy of chapter 4.
        #expect(isClose(loss.item, crossEntropy(probabilities: softmax(logits), classIndices: classes), tolerance: 1e-14))
    }

    @Test func crossEntropyOfHugeLogitsIsFinite() {
        let loss = crossEntropy(logits: Tensor([[1000, 0, -1000], [0, 0, 2000]]), classIndices: [0, 1])
        #expect(isClose(loss.item, 1000, tolerance: 1e-12))
    }

    @Test func sumIsTheMeanTimesTheCount() {
        let p = Tensor(predicted), y = Tensor(target)
        let pairs: [(LossReduction) -> Tensor] = [
            { meanSquaredError(predicted: p, target: y, reduction: $0) },
            { meanAbsoluteError(predicted: p, target: y, reduction: $0) },
            { huberLoss(predicted: p, target: y, delta: 0.5, reduction: $0) },
            { smoothL1Loss(predicted: p, target: y, beta: 2, reduction: $0) },
            { binaryCrossEntropy(predicted: p.sigmoid(), target: y.clamped(to: 0, 1), reduction: $0) },
        ]
        for loss in pairs {
            #expect(isClose(loss(.sum).item, 6 * loss(.mean).item, tolerance: 1e-14))
        }
        // Cross-entropy averages over samples, not elements.
        let sum = crossEntropy(logits: p, classIndices: [1, 2], reduction: .sum).item
        let mean = crossEntropy(logits: p, classIndices: [1, 2], reduction: .mean).item
        #expect(isClose(sum, 2 * mean, tolerance: 1e-14))
        #expect(LossReduction.mean != LossReduction.sum)
    }

    @Test func lossesAreScalarsInTheGraph() {
        let p = Tensor(predicted, requiresGrad: true)
        let loss = huberLoss(predicted: p, target: Tensor(target), delta: 0.5)
        #expect(loss.shape == [] && loss.requiresGrad)
        #expect(loss.topologicalOrder().contains { $0.operation == "huber(δ: 0.5)" })
        let smooth = smoothL1Loss(predicted: p, target: Tensor(target), beta: 2, reduction: .sum)
        #expect(smooth.operation == "sum" && smooth.inputs[0].operation == "smoothL1(β: 2.0)")
    }
}
