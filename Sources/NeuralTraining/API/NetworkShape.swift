import Neural

/// The network `workbook train` builds: its model, layer widths and hidden activation, decided
/// from the flags, the data and a loaded weights file, with a clear error when they disagree.
public struct NetworkShape: Sendable, Equatable {
    /// The model: the requested one, else the loaded file's, else the MLP.
    public var model: ModelKind
    /// The layer widths, input first and classes last (the CNN's are `WeightsFile.cnnWidths`).
    public var layerSizes: [Int]
    /// The hidden activation.
    public var activation: Activation

    /// The widths written as `784,256,128,10`: at least two positive integers; nil otherwise.
    public static func parseLayers(_ text: String) -> [Int]? {
        let widths = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.count >= 2, widths.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return widths.map { $0! }
    }

    /// The shape for `training` and `test`: the requested model, else the loaded file's, else the
    /// MLP. For the MLP, the requested widths, else the loaded file's, else
    /// `[pixels, 256, 128, classes]`; the requested activation, else the file's, else ReLU. The
    /// CNN takes 28×28 images and at most 10 classes, and has no `--layers`.
    ///
    /// - Throws: `NetworkShapeError` when a request contradicts the loaded file (named by
    ///   `loadedPath`; a file of the other model says which it holds and how to ask for it), the
    ///   test images differ in size from the training images, the input width differs from the
    ///   pixel count, there are fewer outputs than classes, the network is larger than
    ///   `TrainingLimits` allows, or the CNN is asked for with widths or on images that are not
    ///   28×28 (the data folder is named by `dataPath`).
    public init(
        requestedModel: ModelKind? = nil, requestedLayers: [Int]?, requestedActivation: Activation?, loaded: WeightsFile?,
        loadedPath: String?, training: LabelledImages, test: LabelledImages, dataPath: String? = nil
    ) throws(NetworkShapeError) {
        let file = loadedPath ?? "the loaded file"
        let model = requestedModel ?? loaded?.model ?? .mlp
        if let loaded, loaded.model != model {
            let ask = loaded.model == .cnn ? "--model cnn" : "--model mlp"
            throw NetworkShapeError(
                "\(file): the file holds \(loaded.modelDescription), but --model \(model) asks for \(model == .cnn ? "the CNN" : "an MLP");"
                + " load it with \(ask) (or without --model)")
        }
        if model == .cnn {
            try Self.checkCNN(layers: requestedLayers, loadedFrom: loadedPath, training: training, test: test, dataPath: dataPath)
            self.init(model: .cnn, layerSizes: WeightsFile.cnnWidths, activation: requestedActivation ?? .relu)
            return
        }
        let classes = max(training.classCount, test.classCount)
        let sizes = requestedLayers ?? loaded?.layerSizes ?? [training.featureCount, 256, 128, classes]
        if let loaded, loaded.layerSizes != sizes {
            throw NetworkShapeError("\(file): the file holds a \(loaded.layerSizes) network but --layers asks for \(sizes)")
        }
        if let loaded, let requestedActivation, loaded.activation != requestedActivation {
            throw NetworkShapeError(
                "\(file): the file's network uses \(loaded.activation.trainingName) but --activation asks for \(requestedActivation.trainingName)")
        }
        guard sizes.first == training.featureCount else {
            throw NetworkShapeError(
                "the network takes \(sizes[0]) inputs but the images have \(training.featureCount) pixels (\(training.rows)×\(training.columns))")
        }
        guard sizes.last! >= classes else {
            throw NetworkShapeError("the network has \(sizes.last!) outputs but the labels go up to \(classes - 1)")
        }
        guard test.featureCount == training.featureCount else {
            throw NetworkShapeError(
                "the test images have \(test.featureCount) pixels (\(test.rows)×\(test.columns)) but the training images have \(training.featureCount) (\(training.rows)×\(training.columns))")
        }
        do {
            try TrainingLimits.checkLayers(sizes)
        } catch {
            throw NetworkShapeError("the network \(error.problem)")
        }
        self.init(model: .mlp, layerSizes: sizes, activation: requestedActivation ?? loaded?.activation ?? .relu)
    }

    /// A shape as given.
    private init(model: ModelKind, layerSizes: [Int], activation: Activation) {
        self.model = model
        self.layerSizes = layerSizes
        self.activation = activation
    }

    /// Checks that the CNN was not asked for with widths, and that the images suit it.
    private static func checkCNN(
        layers: [Int]?, loadedFrom loadedPath: String?, training: LabelledImages, test: LabelledImages, dataPath: String?
    ) throws(NetworkShapeError) {
        let origin = loadedPath.map { "\($0) holds the CNN" } ?? "--model cnn"
        if layers != nil {
            throw NetworkShapeError("--layers does not apply to the CNN (\(origin)): its layers are source 004's SimpleCNN")
        }
        let side = ConvolutionalLayout.inputSide
        let data = dataPath.map { "\($0): " } ?? ""
        for (name, set) in [("training", training), ("test", test)] where set.rows != side || set.columns != side {
            throw NetworkShapeError("\(data)the CNN takes \(side)×\(side) images, but the \(name) images are \(set.rows)×\(set.columns)")
        }
        let classes = max(training.classCount, test.classCount)
        guard classes <= ConvolutionalLayout.classes else {
            throw NetworkShapeError("\(data)the CNN has \(ConvolutionalLayout.classes) outputs but the labels go up to \(classes - 1)")
        }
    }
}

/// Why the flags, the data and a loaded weights file do not describe one network.
public struct NetworkShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation, naming the file or flag at fault.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
