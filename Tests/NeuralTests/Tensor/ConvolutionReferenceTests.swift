import Testing
@testable import Neural

/// The Swift side of every row of `PyTorchConvolutionReferences.operations`, by the name the script gives it.
let convolutionReferenceOperations: [String: @Sendable ([Tensor], [Int]) -> Tensor] = {
    var table: [String: @Sendable ([Tensor], [Int]) -> Tensor] = [:]
    table["conv2d x [1,1,5,5] w [1,1,3,3] b"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2]) }
    table["conv2d x [1,1,5,5] w [1,1,3,3]"] = { x, _ in x[0].conv2d(weight: x[1]) }
    table["conv2d x [2,2,5,6] w [3,2,3,3] b padding 1"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2], padding: 1) }
    table["conv2d x [2,2,7,6] w [3,2,3,3] stride 2"] = { x, _ in x[0].conv2d(weight: x[1], stride: 2) }
    table["conv2d x [1,1,6,5] w [3,1,3,3] b stride 2 padding 1"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2], stride: 2, padding: 1) }
    table["conv2d x [2,2,4,3] w [1,2,2,2] padding 1"] = { x, _ in x[0].conv2d(weight: x[1], padding: 1) }
    table["conv2d x [1,2,5,7] w [3,2,2,3] b stride 2 padding 1"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2], stride: 2, padding: 1) }
    table["conv2d x [2,1,3,4] w [2,1,3,4] b"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2]) }
    table["conv2d x [1,2,4,4] w [3,2,1,1] b stride 3"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2], stride: 3) }
    table["conv2d x [1,1,2,2] w [2,1,3,3] b padding 2"] = { x, _ in x[0].conv2d(weight: x[1], bias: x[2], padding: 2) }

    table["unfold x [1,1,4,4] k 2x2"] = { x, _ in x[0].unfold(kernelSize: (2, 2)) }
    table["unfold x [2,2,5,4] k 3x2 stride 2 padding 1"] = { x, _ in x[0].unfold(kernelSize: (3, 2), stride: 2, padding: 1) }
    table["unfold x [1,3,3,3] k 3x3"] = { x, _ in x[0].unfold(kernelSize: (3, 3)) }
    table["unfold x [1,2,3,5] k 2x3 padding 1"] = { x, _ in x[0].unfold(kernelSize: (2, 3), padding: 1) }

    let pools: [(String, Int, Int?)] = [
        ("[2,2,4,6] k 2", 2, nil), ("[1,2,5,5] k 3 stride 1", 3, 1), ("[1,1,5,7] k 2", 2, nil), ("[1,1,7,6] k 3 stride 2", 3, 2),
        ("[2,1,6,5] k 2 stride 1", 2, 1),
    ]
    for (label, k, s) in pools {
        table["maxPool2d \(label)"] = { x, _ in x[0].maxPool2d(kernelSize: k, stride: s) }
        table["avgPool2d \(label)"] = { x, _ in x[0].avgPool2d(kernelSize: k, stride: s) }
    }
    table["maxPool2d ties k 2"] = { x, _ in x[0].maxPool2d(kernelSize: 2) }
    table["maxPool2d ties k 2 stride 1"] = { x, _ in x[0].maxPool2d(kernelSize: 2, stride: 1) }
    table["maxPool2d ties k 3 stride 1"] = { x, _ in x[0].maxPool2d(kernelSize: 3, stride: 1) }

    for axis in [1, 2, 0, -1] {
        table["flatten [2,3,2,2] from \(axis)"] = { x, _ in x[0].flattened(fromAxis: axis) }
    }

    table["simple cnn"] = { x, classes in
        let model = Sequential(
            Conv2D(weight: x[1], bias: x[2]), ReLU(), MaxPool2D(kernelSize: 2),
            Conv2D(weight: x[3], bias: x[4]), ReLU(), Flatten(), Linear(weight: x[5], bias: x[6]))
        return crossEntropy(logits: model(x[0]), classIndices: classes)
    }
    table["cnn with batch norm and average pooling"] = { x, classes in
        let model = Sequential(
            Conv2D(weight: x[1], bias: x[2], stride: 2, padding: 1), BatchNorm2D(weight: x[3], bias: x[4]), ReLU(),
            AvgPool2D(kernelSize: 2), Flatten(), Linear(weight: x[5], bias: x[6]))
        return crossEntropy(logits: model(x[0]), classIndices: classes)
    }
    return table
}()

/// Compared at `pyTorchTolerance` (1e-12), as every other tensor operation: although a convolution
/// output or a weight gradient sums a few hundred products in an order torch does not share, every
/// value here agrees with torch's to 1e-14.
@Suite("Convolution, pooling and batch norm against PyTorch")
struct ConvolutionReferenceTests {
    /// torch's forward value and its gradients of `L = Σ op(x) ⊙ R` with respect to every input.
    @Test(arguments: PyTorchConvolutionReferences.operations)
    func matchesPyTorch(_ reference: OperationReference) throws {
        let function = try #require(convolutionReferenceOperations[reference.name], "no Swift operation named \(reference.name)")
        let inputs = reference.inputs.map { Tensor($0, requiresGrad: true) }
        let output = function(inputs, reference.classIndices)
        expectClose(output, reference.output, tolerance: pyTorchTolerance, "\(reference.name) forward")
        output.backward(Tensor(reference.upstream))
        for (index, (input, gradient)) in zip(inputs, reference.gradients).enumerated() {
            let expected = try #require(gradient, "\(reference.name): the script computed no gradient for input \(index)")
            expectClose(input.grad, expected, tolerance: pyTorchTolerance, "\(reference.name) ∂L/∂input \(index)")
        }
    }

    /// The Swift table and the script's table name the same operations (none is silently skipped).
    @Test func everyReferenceHasASwiftOperationAndBack() {
        let referenced = Set(PyTorchConvolutionReferences.operations.map(\.name))
        #expect(referenced.count == PyTorchConvolutionReferences.operations.count, "duplicate names in the references")
        #expect(referenced.subtracting(convolutionReferenceOperations.keys).sorted() == [])
        #expect(Set(convolutionReferenceOperations.keys).subtracting(referenced).sorted() == [])
    }

    /// `F.batch_norm`'s output, gradients and updated running statistics, from the same running statistics.
    @Test(arguments: PyTorchConvolutionReferences.batchNorms)
    func batchNormMatchesPyTorch(_ reference: BatchNorm2DReference) {
        let input = Tensor(reference.input, requiresGrad: true)
        let weight = Tensor(reference.weight, requiresGrad: true)
        let bias = Tensor(reference.bias, requiresGrad: true)
        var runningMean = reference.runningMean
        var runningVariance = reference.runningVariance
        let output = input.batchNorm2d(
            weight: weight, bias: bias, runningMean: &runningMean, runningVariance: &runningVariance,
            training: reference.training, momentum: reference.momentum, epsilon: reference.epsilon)
        expectClose(output, reference.output, tolerance: pyTorchTolerance, "\(reference.name) forward")
        let channels = [reference.runningMean.count]
        expectClose(channels, runningMean, channels, reference.runningMeanAfter, tolerance: pyTorchTolerance, "\(reference.name) running mean")
        expectClose(
            channels, runningVariance, channels, reference.runningVarianceAfter, tolerance: pyTorchTolerance, "\(reference.name) running variance")
        output.backward(Tensor(reference.upstream))
        for (name, (tensor, gradient)) in zip(["input", "weight", "bias"], zip([input, weight, bias], reference.gradients)) {
            expectClose(tensor.grad, gradient, tolerance: pyTorchTolerance, "\(reference.name) ∂L/∂\(name)")
        }
    }

    /// The module is the function: a fresh `BatchNorm2D` in training mode is the reference case that
    /// starts from fresh statistics, and it keeps the updated statistics.
    @Test func batchNormModuleMatchesPyTorch() throws {
        let reference = try #require(PyTorchConvolutionReferences.batchNorms.first { $0.name == "training [2,3,3,4] fresh statistics" })
        let module = BatchNorm2D(weight: Tensor(reference.weight), bias: Tensor(reference.bias))
        let input = Tensor(reference.input, requiresGrad: true)
        let output = module(input)
        expectClose(output, reference.output, tolerance: pyTorchTolerance, "BatchNorm2D forward")
        #expect(isClose(module.runningMean, reference.runningMeanAfter, tolerance: pyTorchTolerance))
        #expect(isClose(module.runningVariance, reference.runningVarianceAfter, tolerance: pyTorchTolerance))
        output.backward(Tensor(reference.upstream))
        expectClose(input.grad, reference.gradients[0], tolerance: pyTorchTolerance, "BatchNorm2D ∂L/∂input")
        expectClose(module.weight.grad, reference.gradients[1], tolerance: pyTorchTolerance, "BatchNorm2D ∂L/∂γ")
        expectClose(module.bias.grad, reference.gradients[2], tolerance: pyTorchTolerance, "BatchNorm2D ∂L/∂β")
    }

    /// On ties the gradient goes to the first maximum in row-major order, as torch's CPU kernel
    /// sends it (read off the reference, where the windows of the first row tie at 1 and at 2).
    @Test func maxPoolTiesGoToTheFirstMaximum() throws {
        let reference = try #require(PyTorchConvolutionReferences.operations.first { $0.name == "maxPool2d ties k 2" })
        let gradient = try #require(reference.gradients[0]).elements
        // Window (0, 0) holds 1, 1 / 1, 0.5: offset 0 wins; window (0, 1) holds 0, 2 / 2, 2: offset 3.
        #expect(gradient[0] == reference.upstream.elements[0] && gradient[1] == 0 && gradient[5] == 0)
        #expect(gradient[3] == reference.upstream.elements[1] && gradient[7] == 0 && gradient[8] == 0)
        let input = Tensor(reference.inputs[0], requiresGrad: true)
        input.maxPool2d(kernelSize: 2).backward(Tensor(reference.upstream))
        #expect(input.grad?.elements == gradient)
    }
}
