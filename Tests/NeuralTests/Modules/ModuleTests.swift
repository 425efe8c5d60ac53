import Testing
@testable import Neural

@Suite("Modules")
struct ModuleTests {
    // MARK: Linear, one truth with DenseLayer

    @Test(arguments: [Activation.identity, .relu, .tanh, .sigmoid, .leakyReLU(alpha: 0.1), .elu(), .gelu])
    func linearMatchesDenseLayerForwardAndBackward(_ activation: Activation) {
        var generator = SeededGenerator(seed: 5)
        var layer = DenseLayer(inputs: 4, outputs: 3, activation: activation, initializer: .xavierUniform, generator: &generator)
        layer.bias = generator.gaussianMatrix(rows: 1, columns: 3)
        let x = generator.gaussianMatrix(rows: 6, columns: 4)
        let outputGradient = generator.gaussianMatrix(rows: 6, columns: 3)

        let linear = Linear(layer)
        let model = Sequential(linear, ActivationModule(activation))
        let input = Tensor(x, requiresGrad: true)
        let output = model(input)
        let pass = layer.forward(x)
        // The same loops in the same order: equal bit for bit.
        #expect(output.matrix == pass.activation)
        #expect(linear(input).matrix == pass.preActivation)

        output.backward(Tensor(outputGradient))
        let gradients = layer.backward(pass, outputGradient: outputGradient)
        #expect(linear.weight.grad?.matrix == gradients.weights)
        #expect(linear.bias.grad?.elements == gradients.bias.elements)
        #expect(input.grad?.matrix == gradients.input)
    }

    @Test func linearWithSoftmaxMatchesDenseLayerWithinRounding() {
        // Softmax's backward is a Jacobian product in DenseLayer and composed operations here, so the
        // two agree to rounding (1e-15 on values of order 1), not bit for bit.
        var generator = SeededGenerator(seed: 6)
        let layer = DenseLayer(inputs: 3, outputs: 4, activation: .softmax, generator: &generator)
        let x = generator.gaussianMatrix(rows: 5, columns: 3)
        let outputGradient = generator.gaussianMatrix(rows: 5, columns: 4)
        let linear = Linear(layer)
        let output = ActivationModule(.softmax)(linear(Tensor(x)))
        let pass = layer.forward(x)
        #expect(isClose(output.matrix, pass.activation, tolerance: 1e-15))
        output.backward(Tensor(outputGradient))
        let gradients = layer.backward(pass, outputGradient: outputGradient)
        #expect(isClose(linear.weight.grad!.matrix, gradients.weights, tolerance: 1e-14))
        #expect(isClose(linear.bias.grad!.elements, gradients.bias.elements, tolerance: 1e-14))
    }

    @Test func linearDrawsTheSameWeightsAsDenseLayer() {
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        let linear = Linear(inputs: 5, outputs: 3, initializer: .heNormal, generator: &a)
        let layer = DenseLayer(inputs: 5, outputs: 3, activation: .relu, initializer: .heNormal, generator: &b)
        #expect(linear.weight.matrix == layer.weights)
        #expect(linear.bias.shape == [3] && linear.bias.elements == [0, 0, 0])
        #expect(a == b)
    }

    @Test func linearMakesItsParametersRequireGradients() {
        let weight = Tensor([[1, 2], [3, 4], [5, 6]])
        let bias = Tensor([0.5, -0.5])
        let linear = Linear(weight: weight, bias: bias)
        #expect(weight.requiresGrad && bias.requiresGrad)
        #expect(linear.parameters.count == 2 && linear.parameters[0] === weight && linear.parameters[1] === bias)
        #expect(linear.parameterCount == 8)
        // y = x·W + b, over any leading dimensions.
        #expect(linear(Tensor([[1, 0, -1]])).rowArrays == [[-3.5, -4.5]])
        let batch = linear(Tensor.ones([2, 4, 3]))
        #expect(batch.shape == [2, 4, 2] && batch.elements.allSatisfy { $0 == 9.5 || $0 == 11.5 })
        // Training mode changes nothing for a linear layer.
        linear.eval()
        #expect(!linear.isTraining)
        #expect(linear(Tensor([[1, 0, -1]])).rowArrays == [[-3.5, -4.5]])
    }

    // MARK: Sequential

    @Test func sequentialCountsAndOrdersItsParameters() {
        var generator = SeededGenerator(seed: 1)
        let first = Linear(inputs: 3, outputs: 4, generator: &generator)
        let second = Linear(inputs: 4, outputs: 2, generator: &generator)
        let model = Sequential(first, ReLU(), DropoutLayer(0.5), second)
        // 3·4 + 4 + 4·2 + 2.
        #expect(model.parameterCount == 26)
        #expect(model.parameters.map(ObjectIdentifier.init) == [first.weight, first.bias, second.weight, second.bias].map(ObjectIdentifier.init))
        #expect(Sequential().parameterCount == 0)
        let nested = Sequential(model, Sequential(Linear(inputs: 2, outputs: 1, generator: &generator)))
        #expect(nested.parameterCount == 29)
        #expect(nested.modules.count == 2)
    }

    @Test func sequentialAppliesItsModulesInOrder() {
        let double = Linear(weight: Tensor([[2]]), bias: Tensor([0]))
        let shift = Linear(weight: Tensor([[1]]), bias: Tensor([-3]))
        let x = Tensor([[1], [2], [5]])
        #expect(Sequential(double, shift)(x).elements == [-1, 1, 7])
        #expect(Sequential(shift, double)(x).elements == [-4, -2, 4])
        #expect(Sequential(shift, ReLU())(x).elements == [0, 0, 2])
        #expect(Sequential()(x) === x)
    }

    @Test func trainAndEvalReachEveryModule() {
        let dropout = DropoutLayer(0.5)
        let inner = Sequential(Tanh(), dropout)
        let linear = Linear(weight: Tensor([[1]]), bias: Tensor([0]))
        let model = Sequential(linear, inner)
        #expect(model.isTraining && inner.isTraining && dropout.isTraining)
        model.eval()
        #expect(!model.isTraining && !inner.isTraining && !dropout.isTraining && !linear.isTraining)
        model.train()
        #expect(model.isTraining && dropout.isTraining && linear.isTraining)
        #expect(Sequential().isTraining)
    }

    @Test func zeroGradForgetsEveryParametersGradient() {
        var generator = SeededGenerator(seed: 2)
        let model = Sequential(Linear(inputs: 2, outputs: 3, generator: &generator), Sigmoid(), Linear(inputs: 3, outputs: 1, generator: &generator))
        model(Tensor([[0.5, -1]])).sum().backward()
        #expect(model.parameters.allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters.allSatisfy { $0.grad == nil })
    }

    // MARK: Activation modules

    @Test func activationModulesApplyTheirActivation() {
        let x = Tensor([[-1.5, 0, 0.5], [2, -0.25, 3]])
        #expect(ReLU().activation == .relu && Tanh().activation == .tanh && Sigmoid().activation == .sigmoid)
        #expect(ReLU()(x).elements == x.relu().elements)
        #expect(Tanh()(x).elements == x.tanh().elements)
        #expect(Sigmoid()(x).elements == x.sigmoid().elements)
        #expect(ActivationModule(.gelu)(x).elements == x.activated(.gelu).elements)
        #expect(ActivationModule(.softmax)(x).elements == x.softmax(axis: -1).elements)
        #expect(ReLU().parameters.isEmpty && ReLU().parameterCount == 0)
        let module = Tanh()
        module.eval()
        #expect(!module.isTraining && module(x).elements == x.tanh().elements)
    }

    // MARK: Dropout

    @Test func dropoutInEvaluationIsTheIdentity() {
        let layer = DropoutLayer(0.5, generator: SeededGenerator(seed: 3))
        layer.eval()
        let x = Tensor([[1, 2], [3, 4]], requiresGrad: true)
        #expect(layer(x) === x)
        #expect(layer.generator == SeededGenerator(seed: 3))
        // Rate 0 keeps everything in training too.
        #expect(DropoutLayer(0)(x) === x)
    }

    @Test func dropoutInTrainingUsesChapterNinesMask() {
        let x = Matrix([[1, 2, 3], [4, 5, 6]])
        let layer = DropoutLayer(0.4, generator: SeededGenerator(seed: 11))
        let input = Tensor(x, requiresGrad: true)
        let output = layer(input)
        var generator = SeededGenerator(seed: 11)
        let pass = Dropout(rate: 0.4).forward(x, training: true, using: &generator)
        // The regularisation chapter's mask for seed 11: keep if u < 0.6, scale 1/0.6.
        let k = 1 / 0.6
        #expect(pass.mask == Matrix([[k, k, 0], [k, k, k]]))
        #expect(output.matrix == pass.output)
        #expect(layer.generator == generator)
        // ∂/∂x of Σ y ⊙ G = G ⊙ mask, as Dropout.backward.
        let g = Matrix([[0.5, -1, 2], [1, 1, -3]])
        output.backward(Tensor(g))
        #expect(input.grad?.matrix == Dropout(rate: 0.4).backward(pass, outputGradient: g))
        // The next call draws the next mask.
        let next = layer(Tensor(x))
        #expect(next.matrix == Dropout(rate: 0.4).forward(x, training: true, using: &generator).output)
    }

    @Test func dropoutMasksRowsOfTheLastAxisForAnyRank() {
        let layer = DropoutLayer(0.25, generator: SeededGenerator(seed: 4))
        let output = layer(Tensor.ones([2, 3, 5]))
        var generator = SeededGenerator(seed: 4)
        let mask = Dropout(rate: 0.25).mask(rows: 6, columns: 5, using: &generator)
        #expect(output.shape == [2, 3, 5] && output.elements == mask.elements)
    }

    @Test func dropoutKeepsTheMeanInTraining() {
        let layer = DropoutLayer(0.3, generator: SeededGenerator(seed: 12))
        let output = layer(Tensor.ones([200, 200]))
        let kept = output.elements.filter { $0 != 0 }
        // Inverted dropout: kept elements are 1/0.7; about 70% are kept; the mean stays about 1
        // (40,000 draws: the standard deviation of the mean is √(0.3/0.7)/200 ≈ 0.0033).
        #expect(kept.allSatisfy { $0 == 1 / 0.7 })
        #expect(abs(Double(kept.count) / 40_000 - 0.7) < 0.01)
        #expect(abs(output.mean().item - 1) < 0.015)
    }
}
