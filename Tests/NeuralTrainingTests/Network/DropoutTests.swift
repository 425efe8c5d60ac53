import Foundation
import Testing
import Neural
@testable import NeuralTraining

/// Dropout in the fast engine: the fused forward and backward passes with masks give the loss and
/// gradient that `Neural`'s `Tensor` autograd gives for the same network, inputs and masks.
@Suite struct DropoutTests {
    /// Runs the fused passes on `reference` with the masks drawn from `seed`; returns (loss sum,
    /// gradient, masks per hidden layer).
    static func fusedWithDropout(_ reference: GradientCase, rate: Double, seed: UInt64) -> (Double, [Double], [[Double]]) {
        let sizes = reference.layerSizes
        let network = TrainingNetwork<Double>(layerSizes: sizes, activation: Activation(trainingName: reference.activation)!)
        network.setParameters(reference.parameters)
        let rows = reference.labels.count
        let workspace = Workspace<Double>(layerSizes: sizes, capacity: rows, training: true, dropout: true)
        var generator = SeededGenerator(seed: seed)
        let mask = Dropout(rate: rate)
        var masks: [[Double]] = []
        for (l, buffer) in workspace.masks.enumerated() {
            let values = mask.mask(rows: rows, columns: sizes[l + 1], using: &generator).elements
            for (i, value) in values.enumerated() { buffer.base[i] = value }
            masks.append(values)
        }
        for i in 0..<rows {
            workspace.indices[i] = Int32(i)
            workspace.labels[i] = reference.labels[i]
        }
        reference.pixels.withUnsafeBufferPointer { pixels in
            Kernels.gatherScaled(
                pixels: pixels.baseAddress!, indices: workspace.indices, rows: rows, features: sizes[0], into: workspace.activations[0].base)
        }
        network.forward(workspace, rows: rows)
        let (loss, _) = Kernels.softmaxCrossEntropy(workspace.activations.last!.base, rows: rows, columns: sizes.last!, labels: workspace.labels)
        let gradient = AlignedBuffer<Double>(count: network.parameterCount)
        network.backward(workspace, rows: rows, into: gradient.base, alpha: 1 / Double(rows), beta: 0)
        return (loss, gradient.array, masks)
    }

    /// The same network in `Tensor`s: `hₗ₊₁ = f(hₗ·Wₗ + bₗ) ⊙ Mₗ`, cross-entropy of the logits,
    /// autograd for the gradient, laid out as the fast engine's parameters.
    static func tensorWithDropout(_ reference: GradientCase, masks: [[Double]]) -> (Double, [Double]) {
        let sizes = reference.layerSizes
        let activation = Activation(trainingName: reference.activation)!
        let rows = reference.labels.count
        var offset = 0
        var layers: [Linear] = []
        for l in 0..<(sizes.count - 1) {
            let w = Array(reference.parameters[offset..<(offset + sizes[l] * sizes[l + 1])])
            offset += sizes[l] * sizes[l + 1]
            let b = Array(reference.parameters[offset..<(offset + sizes[l + 1])])
            offset += sizes[l + 1]
            layers.append(Linear(weight: Tensor(shape: [sizes[l], sizes[l + 1]], elements: w), bias: Tensor(b)))
        }
        var h = Tensor(shape: [rows, sizes[0]], elements: reference.pixels.map { Double($0) / 255 })
        for (l, layer) in layers.enumerated() {
            h = layer(h)
            if l < layers.count - 1 {
                h = h.activated(activation) * Tensor(shape: [rows, sizes[l + 1]], elements: masks[l])
            }
        }
        let loss = crossEntropy(logits: h, classIndices: reference.labels.map(Int.init), reduction: .sum)
        (loss / Double(rows)).backward()
        return (loss.item, layers.flatMap { $0.weight.grad!.elements + $0.bias.grad!.elements })
    }

    @Test(arguments: GradientCase.all, [0.3, 0.5])
    func fusedDropoutMatchesTensorAutograd(reference: GradientCase, rate: Double) {
        let (loss, gradient, masks) = Self.fusedWithDropout(reference, rate: rate, seed: 11)
        #expect(masks.joined().contains(0), "no element was dropped: the case tests nothing")
        let (expectedLoss, expectedGradient) = Self.tensorWithDropout(reference, masks: masks)
        #expect(abs(loss - expectedLoss) < 1e-12)
        #expect(largestRelativeError(gradient, expectedGradient) < 1e-12)
    }

    @Test func dropoutChangesTrainingAndIsOffInEvaluation() {
        let plain = TrainingConfiguration(layerSizes: [16, 8, 4], seed: 5, precision: .double, threads: 1)
        var dropped = plain
        dropped.dropout = 0.5
        let a = TrainingSession(configuration: plain, training: TrainingSessionTests.stripes)
        let b = TrainingSession(configuration: dropped, training: TrainingSessionTests.stripes)
        // Same starting network, so evaluation (never dropped) agrees before training...
        #expect(a.evaluate(TrainingSessionTests.stripes) == b.evaluate(TrainingSessionTests.stripes))
        _ = a.trainEpoch()
        _ = b.trainEpoch()
        // ...and the masks make the two runs differ after it.
        #expect(a.weights().parameters != b.weights().parameters)
        let again = TrainingSession(configuration: dropped, training: TrainingSessionTests.stripes)
        _ = again.trainEpoch()
        #expect(again.weights().parameters == b.weights().parameters, "one seed, one run")
    }

    @Test(arguments: [-0.1, 1, 1.5, Double.nan, Double.infinity])
    func dropoutOutsideItsRangeIsRejected(rate: Double) {
        var configuration = TrainingConfiguration(layerSizes: [16, 8, 4])
        configuration.dropout = rate
        #expect(throws: TrainingSettingError.self) { try configuration.validate() }
    }
}
