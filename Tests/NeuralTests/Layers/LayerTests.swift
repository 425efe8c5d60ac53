import Foundation
import Testing
@testable import Neural

@Suite("Dense layers and the MLP")
struct LayerTests {
    let x = Matrix([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3]])
    let layer = DenseLayer(
        weights: Matrix([[0.1, -0.2], [0.4, 0.3], [-0.5, 0.25]]), bias: Matrix([[0.05, -0.1]]), activation: .tanh)
    let upstream = Matrix([[1.0, -0.5], [0.25, 2.0]])

    @Test func denseForwardAndBackwardMatchPyTorch() {
        // PyTorch float64: z = x @ W + b; a = torch.tanh(z); (a * G).sum().backward()
        let pass = layer.forward(x)
        #expect(isClose(pass.preActivation, [[-1.3, -2.7755575615628914e-17], [0.43, -0.41500000000000004]], tolerance: 1e-14))
        #expect(isClose(pass.activation, [[-0.8617231593133063, -2.7755575615628914e-17], [0.405321308689463, -0.3927098596476683]], tolerance: 1e-14))
        let gradients = layer.backward(pass, outputGradient: upstream)
        // PyTorch: G * (1 - a**2)
        #expect(isClose(gradients.delta, [[0.25743319670309406, -0.5], [0.20892865918056527, 1.6915579322710173]], tolerance: 1e-13))
        #expect(isClose(gradients.weights, [[0.44210958712239495, 2.287336898406526], [-0.215647464866981, 0.8383115864542035], [0.45218779565201855, -1.5074673796813052]], tolerance: 1e-13))
        #expect(isClose(gradients.bias, [[0.4663618558836593, 1.1915579322710173]], tolerance: 1e-13))
        #expect(isClose(gradients.input, [[0.1257433196703094, -0.04702672131876237, -0.25371659835154703], [-0.31741872053614695, 0.5910388433535313, 0.3184251534774717]], tolerance: 1e-13))
    }

    @Test func denseGradientsPassCentralDifferences() {
        let gradients = layer.backward(layer.forward(x), outputGradient: upstream)
        func loss(_ l: DenseLayer, _ input: Matrix) -> Double { l.forward(input).activation.hadamard(upstream).sum() }
        let weightCheck = GradientCheck(of: { w in var l = layer; l.weights = w; return loss(l, x) }, at: layer.weights, analytic: gradients.weights)
        let biasCheck = GradientCheck(of: { b in var l = layer; l.bias = b; return loss(l, x) }, at: layer.bias, analytic: gradients.bias)
        let inputCheck = GradientCheck(of: { loss(layer, $0) }, at: x, analytic: gradients.input)
        #expect(weightCheck.passes() && biasCheck.passes() && inputCheck.passes())
    }

    private var mlp: MultilayerPerceptron {
        MultilayerPerceptron(layers: [
            DenseLayer(
                weights: Matrix([[0.3, -0.1, 0.2, 0.5], [-0.4, 0.6, 0.1, -0.2], [0.25, 0.15, -0.35, 0.05]]),
                bias: Matrix([[0.01, -0.02, 0.03, 0.0]]), activation: .sigmoid),
            DenseLayer(
                weights: Matrix([[0.2, -0.3, 0.1], [0.5, 0.4, -0.6], [-0.1, 0.2, 0.3], [0.7, -0.5, 0.05]]),
                bias: Matrix([[0.1, 0.0, -0.1]]), activation: .softmax),
        ])
    }
    private let mlpInput = Matrix([[0.2, -0.4, 1.0], [1.2, 0.7, -0.6]])
    private let labels = [2, 0]

    @Test func mlpBackwardMatchesPyTorch() {
        // PyTorch float64: h = sigmoid(X @ W1 + b1); out = h @ W2 + b2; F.cross_entropy(out, [2, 0]).backward()
        let pass = mlp.forward(mlpInput)
        #expect(isClose(crossEntropy(probabilities: pass.output, classIndices: labels), 1.0480077807075348, tolerance: 1e-13))
        #expect(pass.activations.count == 3 && pass.preActivations.count == 2)
        let expected: [(weights: [[Double]], bias: [[Double]])] = [
            ([[-0.020484869167422422, -0.016805184534325376, 0.014928255882448758, -0.051579347730985256],
              [-0.01029402491263777, -0.0638445756064625, 0.024445627101437488, -0.04640047768728363],
              [0.006717859786560552, 0.12345879824958197, -0.04096972591608234, 0.060519565469292214]],
             [[-0.019740856728269186, 0.07315947196565256, -0.01294281553345782, -0.01667226583354864]]),
            ([[0.07168770522169397, 0.11915365487733531, -0.1908413600990293],
              [0.015209692243314824, 0.11025928888274936, -0.1254689811260642],
              [-0.016995371179803515, 0.11498118907216065, -0.09798581789235712],
              [0.028199129781423, 0.12623493908946748, -0.15443406887089045]],
             [[0.06950445722880189, 0.2168148607557383, -0.2863193179845402]]),
        ]
        let oneHot = oneHotEncode(labels, classCount: 3)
        let fused = mlp.backward(pass, outputDelta: softmaxCrossEntropyGradient(probabilities: pass.output, oneHot: oneHot))
        let chained = mlp.backward(pass, outputGradient: crossEntropyGradient(probabilities: pass.output, oneHot: oneHot))
        for (index, gradients) in [fused, chained].enumerated() {
            for layerIndex in 0..<2 {
                #expect(isClose(gradients[layerIndex].weights, expected[layerIndex].weights, tolerance: 1e-12), "run \(index)")
                #expect(isClose(gradients[layerIndex].bias, expected[layerIndex].bias, tolerance: 1e-12), "run \(index)")
            }
        }
    }

    @Test(arguments: [Activation.tanh, .relu, .leakyReLU(), .elu(), .selu, .gelu, .geluTanhApproximation, .sigmoid])
    func mlpGradientsPassCentralDifferences(hidden: Activation) {
        var generator = SeededGenerator(seed: 7)
        let network = MultilayerPerceptron(
            sizes: [3, 5, 4, 3], hiddenActivation: hidden, outputActivation: .softmax, initializer: .xavierNormal,
            generator: &generator)
        let inputs = generator.gaussianMatrix(rows: 4, columns: 3)
        let oneHot = oneHotEncode([0, 2, 1, 2], classCount: 3)
        let gradients = network.backward(
            network.forward(inputs),
            outputDelta: softmaxCrossEntropyGradient(probabilities: network.predict(inputs), oneHot: oneHot))
        for index in network.layers.indices {
            let check = GradientCheck(
                of: { w in
                    var copy = network
                    copy.layers[index].weights = w
                    return crossEntropy(probabilities: copy.predict(inputs), oneHot: oneHot)
                }, at: network.layers[index].weights, analytic: gradients[index].weights)
            #expect(check.passes(), "layer \(index): relative error \(check.relativeError)")
        }
    }

    @Test func trainStepLowersTheLossOnXOR() {
        var generator = SeededGenerator(seed: 1)
        var network = MLP(sizes: [2, 8, 2], hiddenActivation: .tanh, initializer: .xavierNormal, generator: &generator)
        let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
        let labels = [0, 1, 1, 0]
        let oneHot = oneHotEncode(labels, classCount: 2)
        let first = network.trainStep(inputs: inputs, oneHot: oneHot, learningRate: 0.5).loss
        for _ in 0..<2000 { network.trainStep(inputs: inputs, oneHot: oneHot, learningRate: 0.5) }
        #expect(crossEntropy(probabilities: network.predict(inputs), oneHot: oneHot) < first)
        // By hand: XOR is learnt, every sample right.
        #expect(accuracy(predictions: network.predictClasses(inputs), labels: labels) == 1)
    }

    @Test func theSourcesWorkedExampleInTheColumnConvention() {
        // Source 002: x = [0.5, 0.5], W₁ (2×3), b₁, W₂ (3×2), b₂ in the x·W form; the column form
        // uses their transposes. Expected numbers from NumPy, replaying the source's steps.
        let hidden = ColumnDenseLayer(
            weights: Matrix([[-0.6, 0.6, 0.4], [-0.6, 0.7, 0.5]]).transposed, bias: Matrix(column: [0.3, 0.5, 0.3]),
            activation: .relu)
        let output = ColumnDenseLayer(
            weights: Matrix([[-0.7, 0.7], [0.8, -0.8], [0.5, -0.5]]).transposed, bias: Matrix(column: [-0.4, 0.4]),
            activation: .softmax)
        let hiddenPass = hidden.forward(Matrix(column: [0.5, 0.5]))
        let outputPass = output.forward(hiddenPass.activation)
        #expect(isClose(hiddenPass.preActivation, [[-0.3], [1.15], [0.75]], tolerance: 1e-14))
        #expect(isClose(outputPass.preActivation, [[0.8949999999999999], [-0.8949999999999999]], tolerance: 1e-14))
        #expect(isClose(outputPass.activation, [[0.8569272765199193], [0.14307272348008082]], tolerance: 1e-14))
        let outputGradients = output.backward(outputPass, delta: outputPass.activation - Matrix(column: [0, 1]))
        // NumPy: np.outer(a2 - y, a1), the source's [[0, 0.986, 0.643], [0, −0.986, −0.643]]
        #expect(isClose(outputGradients.weights, [[0, 0.9854663679979071, 0.6426954573899395], [0, -0.985466367997907, -0.6426954573899394]], tolerance: 1e-14))
        #expect(isClose(outputGradients.input, [[-1.199698187127887], [1.3710836424318709], [0.8569272765199192]], tolerance: 1e-14))
        let hiddenGradients = hidden.backward(hiddenPass, outputGradient: outputGradients.input)
        #expect(isClose(hiddenGradients.delta, [[0], [1.3710836424318709], [0.8569272765199192]], tolerance: 1e-14))
        #expect(isClose(hiddenGradients.weights, [[0, 0], [0.6855418212159354, 0.6855418212159354], [0.4284636382599596, 0.4284636382599596]], tolerance: 1e-14))
        var updated = hidden
        updated.update(hiddenGradients, learningRate: 0.01)
        // NumPy: W1 − 0.01·dW1, the source's [[−0.6, 0.59315, 0.39572], [−0.6, 0.69315, 0.49572]]
        #expect(isClose(updated.weights.transposed, [[-0.6, 0.5931445817878406, 0.39571536361740045], [-0.6, 0.6931445817878406, 0.49571536361740043]], tolerance: 1e-14))
        // The row-convention layer gives the transposed gradient.
        let rowLayer = DenseLayer(weights: output.weights.transposed, bias: output.bias.transposed, activation: .softmax)
        let rowPass = rowLayer.forward(hiddenPass.activation.transposed)
        #expect(isClose(rowLayer.backward(rowPass, delta: rowPass.activation - Matrix([[0, 1]])).weights, outputGradients.weights.transposed, tolerance: 1e-14))
    }

    @Test func scalarChainRuleMatchesPyTorch() {
        let chain = TwoNeuronChain(w1: 0.5, b1: 0.1, w2: -0.8, b2: 0.2)
        let forward = chain.forward(x: 1.5, y: 1)
        // PyTorch float64 autograd of z1 = w1*x + b1, a1 = σ(z1), z2 = w2*a1 + b2, ŷ = σ(z2), L = (y − ŷ)²
        #expect(isClose(forward.z1, 0.85) && isClose(forward.a1, 0.7005671424739729))
        #expect(isClose(forward.z2, -0.3604537139791783) && isClose(forward.prediction, 0.4108497390199795))
        #expect(isClose(forward.loss, 0.3470980300128263))
        let backward = chain.backward(forward)
        #expect(isClose(backward.dLossDW1, 0.07179523564515221, tolerance: 1e-14))
        #expect(isClose(backward.dLossDB1, 0.04786349043010147, tolerance: 1e-14))
        #expect(isClose(backward.dLossDW2, -0.19980894392134765, tolerance: 1e-14))
        #expect(isClose(backward.dLossDB2, -0.2852102700902374, tolerance: 1e-14))
        let numerical = numericalDerivative(of: { TwoNeuronChain(w1: $0, b1: 0.1, w2: -0.8, b2: 0.2).forward(x: 1.5, y: 1).loss }, at: 0.5)
        #expect(relativeError(backward.dLossDW1, numerical) < 1e-6)
    }
}
