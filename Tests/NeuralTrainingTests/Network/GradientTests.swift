import Foundation
import Testing
import Neural
@testable import NeuralTraining

/// One NumPy reference case from Fixtures/gradients.json (written by generate.py).
struct GradientCase: Decodable, CustomTestStringConvertible {
    let activation: String
    let layerSizes: [Int]
    let labels: [UInt8]
    let pixels: [UInt8]
    let parameters: [Double]
    let lossSum: Double
    let correct: Int
    let gradient: [Double]
    let sgd: [Double]
    let momentum: [Double]
    let adam: [Double]
    let adamw: [Double]

    var testDescription: String { activation }

    static let all: [GradientCase] = {
        let data = try! Data(contentsOf: Fixtures.url("gradients.json"))
        return try! JSONDecoder().decode([GradientCase].self, from: data)
    }()

    /// The reference parameters after one step of `kind`.
    func expected(after kind: OptimizerKind) -> [Double] {
        switch kind {
        case .sgd: sgd
        case .momentum: momentum
        case .adam: adam
        case .adamw: adamw
        }
    }
}

/// Runs the fused forward, loss and backward kernels on a case, with the gradient written to a
/// buffer (`α = 1/B`, `β = 0`), and returns (loss sum, correct, gradient).
func fusedGradient<S: TrainingScalar>(_: S.Type, _ reference: GradientCase) -> (Double, Int, [Double]) {
    let network = TrainingNetwork<S>(layerSizes: reference.layerSizes, activation: Activation(trainingName: reference.activation)!)
    network.setParameters(reference.parameters)
    let rows = reference.labels.count
    let workspace = Workspace<S>(layerSizes: reference.layerSizes, capacity: rows, training: true)
    for i in 0..<rows {
        workspace.indices[i] = Int32(i)
        workspace.labels[i] = reference.labels[i]
    }
    reference.pixels.withUnsafeBufferPointer { pixels in
        Kernels.gatherScaled(
            pixels: pixels.baseAddress!, indices: workspace.indices, rows: rows, features: reference.layerSizes[0],
            into: workspace.activations[0].base)
    }
    network.forward(workspace, rows: rows)
    let (loss, correct) = Kernels.softmaxCrossEntropy(
        workspace.activations.last!.base, rows: rows, columns: reference.layerSizes.last!, labels: workspace.labels)
    let gradient = AlignedBuffer<S>(count: network.parameterCount)
    network.backward(workspace, rows: rows, into: gradient.base, alpha: 1 / S(rows), beta: 0)
    return (loss, correct, gradient.array.map { Double($0) })
}

/// The largest `|a − b| / max(1, |b|)`.
func largestRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}

@Suite struct GradientTests {
    @Test(arguments: GradientCase.all)
    func fusedKernelsMatchNumPyInDouble(reference: GradientCase) {
        let (loss, correct, gradient) = fusedGradient(Double.self, reference)
        #expect(abs(loss - reference.lossSum) < 1e-12)
        #expect(correct == reference.correct)
        #expect(largestRelativeError(gradient, reference.gradient) < 1e-12)
    }

    @Test(arguments: GradientCase.all)
    func fusedKernelsMatchNumPyInFloat(reference: GradientCase) {
        let (loss, correct, gradient) = fusedGradient(Float.self, reference)
        #expect(abs(loss - reference.lossSum) < 1e-5)
        #expect(correct == reference.correct)
        #expect(largestRelativeError(gradient, reference.gradient) < 1e-5)
    }

    /// SGD η 0.1, momentum η 0.01, Adam(W) η 0.01: one step from the reference parameters.
    @Test(arguments: GradientCase.all.prefix(2), OptimizerKind.allCases)
    func oneOptimizerStepMatchesNumPy(reference: GradientCase, kind: OptimizerKind) {
        let network = TrainingNetwork<Double>(layerSizes: reference.layerSizes, activation: Activation(trainingName: reference.activation)!)
        network.setParameters(reference.parameters)
        let rows = reference.labels.count
        let settings = OptimizerSettings(kind: kind, learningRate: kind == .sgd ? 0.1 : 0.01)
        let optimizer = Optimizer<Double>(settings: settings, parameterCount: network.parameterCount)
        let workspace = Workspace<Double>(layerSizes: reference.layerSizes, capacity: rows, training: true)
        for i in 0..<rows {
            workspace.indices[i] = Int32(i)
            workspace.labels[i] = reference.labels[i]
        }
        reference.pixels.withUnsafeBufferPointer { pixels in
            Kernels.gatherScaled(pixels: pixels.baseAddress!, indices: workspace.indices, rows: rows, features: 6, into: workspace.activations[0].base)
        }
        network.forward(workspace, rows: rows)
        Kernels.softmaxCrossEntropy(workspace.activations.last!.base, rows: rows, columns: 3, labels: workspace.labels)
        let target = optimizer.gradientTarget(parameters: network.parameters, rows: rows)
        network.backward(workspace, rows: rows, into: target.buffer, alpha: target.alpha, beta: target.beta)
        optimizer.finishStep(parameters: network.parameters)
        #expect(largestRelativeError(network.parameterValues, reference.expected(after: kind)) < 1e-9)
    }
}
