import Testing
@testable import Neural

/// The tolerance for agreement with PyTorch (absolute below 1, relative above).
///
/// Both sides evaluate the same formulas in float64, but in different orders and with different
/// libraries (torch's vectorised exp, log and erf, its summation order, its fused Adam updates), so
/// results differ by a few ulps of the operands, about 1e-15. 1e-12 leaves a margin of a thousand
/// and is far tighter than any difference of formula or convention.
let pyTorchTolerance = 1e-12

/// The Swift side of every row of `PyTorchReferences.operations`, by the name the script gives it.
let referenceOperations: [String: @Sendable ([Tensor], [Int]) -> Tensor] = {
    var table: [String: @Sendable ([Tensor], [Int]) -> Tensor] = [:]
    let binary: [(String, @Sendable (Tensor, Tensor) -> Tensor)] = [
        ("add", { $0 + $1 }), ("subtract", { $0 - $1 }), ("multiply", { $0 * $1 }), ("divide", { $0 / $1 }),
    ]
    for (name, function) in binary {
        for shapes in ["[2,3] [2,3]", "[2,3] [3]", "[3] [2,3]", "[2,1] [1,3]"] {
            table["\(name) \(shapes)"] = { x, _ in function(x[0], x[1]) }
        }
    }
    table["a + 2.5"] = { x, _ in x[0] + 2.5 }
    table["2.5 + a"] = { x, _ in 2.5 + x[0] }
    table["a - 1.5"] = { x, _ in x[0] - 1.5 }
    table["1.5 - a"] = { x, _ in 1.5 - x[0] }
    table["a * -1.7"] = { x, _ in x[0] * -1.7 }
    table["-1.7 * a"] = { x, _ in -1.7 * x[0] }
    table["a / 2.5"] = { x, _ in x[0] / 2.5 }
    table["2.5 / a"] = { x, _ in 2.5 / x[0] }
    table["negate"] = { x, _ in -x[0] }
    for p in [2.0, 3, 0.5, -1.5] {
        table["pow \(p == p.rounded() ? String(Int(p)) : String(p))"] = { x, _ in x[0].pow(p) }
    }
    table["exp"] = { x, _ in x[0].exp() }
    table["log"] = { x, _ in x[0].log() }
    table["sqrt"] = { x, _ in x[0].sqrt() }
    table["abs"] = { x, _ in x[0].abs() }
    table["tanh"] = { x, _ in x[0].tanh() }
    table["sigmoid"] = { x, _ in x[0].sigmoid() }
    table["relu"] = { x, _ in x[0].relu() }
    table["clamp [-0.5, 0.5]"] = { x, _ in x[0].clamped(to: -0.5, 0.5) }
    let activations: [(String, Activation)] = [
        ("identity", .identity), ("sigmoid", .sigmoid), ("tanh", .tanh), ("relu", .relu),
        ("leakyReLU 0.01", .leakyReLU(alpha: 0.01)), ("leakyReLU 0.2", .leakyReLU(alpha: 0.2)), ("elu 1", .elu(alpha: 1)),
        ("elu 0.5", .elu(alpha: 0.5)), ("selu", .selu), ("gelu", .gelu), ("gelu tanh", .geluTanhApproximation),
    ]
    for (name, activation) in activations {
        table["activated \(name)"] = { x, _ in x[0].activated(activation) }
    }
    table["sum"] = { x, _ in x[0].sum() }
    table["mean"] = { x, _ in x[0].mean() }
    table["sum axis 0"] = { x, _ in x[0].sum(axis: 0) }
    table["sum axis 1 keeping"] = { x, _ in x[0].sum(axis: 1, keepingDimension: true) }
    table["sum axis -1"] = { x, _ in x[0].sum(axis: -1) }
    table["mean axis 1"] = { x, _ in x[0].mean(axis: 1) }
    table["mean axis 0 keeping"] = { x, _ in x[0].mean(axis: 0, keepingDimension: true) }
    table["mean axis -1 keeping"] = { x, _ in x[0].mean(axis: -1, keepingDimension: true) }
    table["max axis 0"] = { x, _ in x[0].max(axis: 0) }
    table["max axis 1 keeping"] = { x, _ in x[0].max(axis: 1, keepingDimension: true) }
    table["max axis -1"] = { x, _ in x[0].max(axis: -1) }
    table["reshape [4, -1]"] = { x, _ in x[0].reshaped([4, -1]) }
    table["permute [2, 0, 1]"] = { x, _ in x[0].permuted([2, 0, 1]) }
    table["transposed"] = { x, _ in x[0].transposed }
    table["transposed 0 2"] = { x, _ in x[0].transposed(0, 2) }
    table["slice axis 1 1..<3"] = { x, _ in x[0].slice(axis: 1, 1..<3) }
    table["slice axis -1 1..<4"] = { x, _ in x[0].slice(axis: -1, 1..<4) }
    table["concatenate axis 0"] = { x, _ in Tensor.concatenate(x, axis: 0) }
    table["concatenate axis 1"] = { x, _ in Tensor.concatenate(x, axis: 1) }
    for shapes in ["[3,4] [4,2]", "[2,3,4] [2,4,5]", "[2,3,4] [4,5]", "[3,4] [2,4,5]"] {
        table["matmul \(shapes)"] = { x, _ in x[0].matmul(x[1]) }
    }
    table["softmax axis -1"] = { x, _ in x[0].softmax(axis: -1) }
    table["softmax axis 0"] = { x, _ in x[0].softmax(axis: 0) }
    table["softmax [2,3,4] axis 1"] = { x, _ in x[0].softmax(axis: 1) }
    table["logSoftmax axis -1"] = { x, _ in x[0].logSoftmax(axis: -1) }
    table["logSoftmax axis 0"] = { x, _ in x[0].logSoftmax(axis: 0) }
    table["mlp tanh cross-entropy"] = { x, classes in
        let model = Sequential(Linear(weight: x[1], bias: x[2]), Tanh(), Linear(weight: x[3], bias: x[4]))
        return crossEntropy(logits: model(x[0]), classIndices: classes)
    }
    for (name, reduction) in [("mean", LossReduction.mean), ("sum", .sum)] {
        table["mse \(name)"] = { x, _ in meanSquaredError(predicted: x[0], target: x[1], reduction: reduction) }
        table["mae \(name)"] = { x, _ in meanAbsoluteError(predicted: x[0], target: x[1], reduction: reduction) }
        table["bce \(name)"] = { x, _ in binaryCrossEntropy(predicted: x[0], target: x[1], reduction: reduction) }
        table["cross-entropy indices \(name)"] = { x, classes in crossEntropy(logits: x[0], classIndices: classes, reduction: reduction) }
        table["cross-entropy one-hot \(name)"] = { x, _ in crossEntropy(logits: x[0], oneHot: x[1], reduction: reduction) }
        for delta in [0.5, 1, 2] {
            table["huber \(delta) \(name)"] = { x, _ in huberLoss(predicted: x[0], target: x[1], delta: delta, reduction: reduction) }
        }
        for beta in [0.5, 1, 2] {
            table["smoothL1 \(beta) \(name)"] = { x, _ in smoothL1Loss(predicted: x[0], target: x[1], beta: beta, reduction: reduction) }
        }
    }
    return table
}()

@Suite("Tensor against PyTorch")
struct TensorReferenceTests {
    /// torch's forward value and its gradients of `L = Σ op(x) ⊙ R`, on the script's fixed inputs.
    @Test(arguments: PyTorchReferences.operations)
    func matchesPyTorch(_ reference: OperationReference) throws {
        let function = try #require(referenceOperations[reference.name], "no Swift operation named \(reference.name)")
        let inputs = zip(reference.inputs, reference.gradients).map { Tensor($0, requiresGrad: $1 != nil) }
        let output = function(inputs, reference.classIndices)
        expectClose(output, reference.output, tolerance: pyTorchTolerance, "\(reference.name) forward")
        output.backward(Tensor(reference.upstream))
        for (index, (input, gradient)) in zip(inputs, reference.gradients).enumerated() {
            guard let gradient else { continue }
            expectClose(input.grad, gradient, tolerance: pyTorchTolerance, "\(reference.name) ∂L/∂input \(index)")
        }
    }

    /// The Swift table and the script's table name the same operations (none is silently skipped).
    @Test func everyReferenceHasASwiftOperationAndBack() {
        let referenced = Set(PyTorchReferences.operations.map(\.name))
        #expect(referenced.count == PyTorchReferences.operations.count, "duplicate names in the references")
        #expect(referenced.subtracting(referenceOperations.keys).sorted() == [])
        #expect(Set(referenceOperations.keys).subtracting(referenced).sorted() == [])
    }

    /// The conventions PyTorch chose where a function has no derivative, checked on the exact points.
    @Test func subgradientConventionsAreTorchs() throws {
        func gradient(_ name: String) throws -> [Double] {
            let reference = try #require(PyTorchReferences.operations.first { $0.name == name })
            return try #require(reference.gradients[0]).elements
        }
        // relu'(0) = 0, abs'(0) = 0 (upstream R₂ = −1.375, R₄ = 0.625 where the inputs are 0).
        #expect(try gradient("relu")[2] == 0)
        #expect(try gradient("abs")[0] == 0 && gradient("abs")[4] == 0)
        // clamp stops the gradient at both bounds (inputs −0.5 and 0.5), and passes it strictly inside.
        let clamp = try gradient("clamp [-0.5, 0.5]")
        let upstream = try #require(PyTorchReferences.operations.first { $0.name == "clamp [-0.5, 0.5]" }).upstream.elements
        #expect(clamp[0] == 0 && clamp[3] == 0)
        #expect(clamp[2] == upstream[2] && clamp[5] == upstream[5])
        // MAE'(r = 0) = 0.
        #expect(try gradient("mae mean")[3] == 0)
    }
}
