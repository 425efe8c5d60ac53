/// A multi-layer perceptron: dense layers applied in order, `a[0] = x`,
/// `z[l] = a[l−1]·W[l] + b[l]`, `a[l] = g[l](z[l])`, in the row convention (batch × features).
public struct MultilayerPerceptron: Sendable, Equatable {
    /// The layers, from the first hidden layer to the output layer.
    public var layers: [DenseLayer]

    /// A network made of the given layers.
    ///
    /// - Precondition: each layer's input count equals the previous layer's output count.
    public init(layers: [DenseLayer]) {
        precondition(!layers.isEmpty, "MultilayerPerceptron: no layers")
        for index in layers.indices.dropFirst() {
            precondition(
                layers[index].inputCount == layers[index - 1].outputCount,
                Matrix.shapeMismatchMessage(
                    "MultilayerPerceptron (layer \(index - 1) weights vs layer \(index) weights)",
                    layers[index - 1].weights, layers[index].weights))
        }
        self.layers = layers
    }

    /// A network with layer sizes `sizes` (e.g. `[784, 128, 64, 10]`), `hiddenActivation` on
    /// every hidden layer, `outputActivation` on the last, weights from `initializer` and zero biases.
    public init(
        sizes: [Int], hiddenActivation: Activation = .relu, outputActivation: Activation = .softmax,
        initializer: WeightInitializer = .heNormal, generator: inout SeededGenerator
    ) {
        precondition(sizes.count >= 2, "MultilayerPerceptron: need at least 2 sizes, got \(sizes)")
        var layers: [DenseLayer] = []
        for index in 0..<(sizes.count - 1) {
            let isOutput = index == sizes.count - 2
            layers.append(
                DenseLayer(
                    inputs: sizes[index], outputs: sizes[index + 1],
                    activation: isOutput ? outputActivation : hiddenActivation,
                    initializer: initializer, generator: &generator))
        }
        self.init(layers: layers)
    }

    /// The layer sizes, inputs first: `[W[1].rows, W[1].columns, W[2].columns, …]`.
    public var sizes: [Int] {
        [layers[0].inputCount] + layers.map(\.outputCount)
    }

    /// The number of weights and biases, `Σₗ (nₗ₋₁ + 1)·nₗ`.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.weights.count + $1.bias.count }
    }

    /// The forward pass, keeping `z[l]` and `a[l]` of every layer.
    public func forward(_ input: Matrix) -> MLPForwardPass {
        var passes: [DenseForwardPass] = []
        var a = input
        for layer in layers {
            let pass = layer.forward(a)
            passes.append(pass)
            a = pass.activation
        }
        return MLPForwardPass(layers: passes)
    }

    /// The network's output `a[L]` for `input`.
    public func predict(_ input: Matrix) -> Matrix {
        forward(input).output
    }

    /// The predicted class of every sample: the `argmax` of each output row.
    public func predictClasses(_ input: Matrix) -> [Int] {
        predict(input).argmax(axis: 1)
    }

    /// Backpropagation from `∂L/∂a[L]`: `δ[L] = ∂L/∂a[L] ⊙ g'(z[L])`, then for each layer from the
    /// last, `∂L/∂W[l] = a[l−1]ᵀ·δ[l]`, `∂L/∂b[l] = Σ δ[l]`, `δ[l−1] = (δ[l]·W[l]ᵀ) ⊙ g'(z[l−1])`.
    ///
    /// Returns the gradients of every layer, in layer order (first layer first).
    public func backward(_ pass: MLPForwardPass, outputGradient: Matrix) -> [DenseGradients] {
        let last = layers.count - 1
        let delta = layers[last].activation.backward(
            preActivation: pass.layers[last].preActivation, activation: pass.layers[last].activation,
            outputGradient: outputGradient)
        return backward(pass, outputDelta: delta)
    }

    /// Backpropagation from a known output error `δ[L] = ∂L/∂z[L]`, such as the fused softmax +
    /// cross-entropy gradient `(ŷ − y)/N`. Returns the gradients in layer order.
    public func backward(_ pass: MLPForwardPass, outputDelta: Matrix) -> [DenseGradients] {
        precondition(pass.layers.count == layers.count, "MultilayerPerceptron.backward: \(pass.layers.count) passes for \(layers.count) layers")
        var gradients: [DenseGradients] = []
        var delta = outputDelta
        for index in layers.indices.reversed() {
            let layerGradients = layers[index].backward(pass.layers[index], delta: delta)
            gradients.append(layerGradients)
            if index > 0 {
                let previous = pass.layers[index - 1]
                delta = layers[index - 1].activation.backward(
                    preActivation: previous.preActivation, activation: previous.activation,
                    outputGradient: layerGradients.input)
            }
        }
        return gradients.reversed()
    }

    /// Gradient descent on every layer: `W[l] ← W[l] − η·∂L/∂W[l]`, `b[l] ← b[l] − η·∂L/∂b[l]`.
    public mutating func update(_ gradients: [DenseGradients], learningRate: Double) {
        precondition(gradients.count == layers.count, "MultilayerPerceptron.update: \(gradients.count) gradients for \(layers.count) layers")
        for index in layers.indices {
            layers[index].update(gradients[index], learningRate: learningRate)
        }
    }

    /// One step of training with softmax outputs and cross-entropy loss (the sources' MNIST
    /// loop): forward, loss `crossEntropy(probabilities:oneHot:)`, backward from `δ[L] = (ŷ − y)/N`,
    /// update. Returns the loss before the update and the gradients.
    @discardableResult
    public mutating func trainStep(
        inputs: Matrix, oneHot: Matrix, learningRate: Double
    ) -> (loss: Double, gradients: [DenseGradients]) {
        let pass = forward(inputs)
        let loss = crossEntropy(probabilities: pass.output, oneHot: oneHot)
        let gradients = backward(pass, outputDelta: softmaxCrossEntropyGradient(probabilities: pass.output, oneHot: oneHot))
        update(gradients, learningRate: learningRate)
        return (loss, gradients)
    }
}

/// A short name for `MultilayerPerceptron`.
public typealias MLP = MultilayerPerceptron

/// Everything an MLP's forward pass keeps: the input, `z[l]` and `a[l]` of every layer.
public struct MLPForwardPass: Sendable, Equatable {
    /// The forward pass of each layer, first layer first.
    public var layers: [DenseForwardPass]

    /// A record of a forward pass through the given layers.
    public init(layers: [DenseForwardPass]) {
        self.layers = layers
    }

    /// The network's input `a[0] = x`.
    public var input: Matrix { layers[0].input }
    /// The pre-activations `z[1], …, z[L]`.
    public var preActivations: [Matrix] { layers.map(\.preActivation) }
    /// The activations `a[0] = x, a[1], …, a[L]`, as the sources' `self.activations`.
    public var activations: [Matrix] { [input] + layers.map(\.activation) }
    /// The output `a[L]`.
    public var output: Matrix { layers[layers.count - 1].activation }
}
