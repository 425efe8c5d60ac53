import Neural

/// The network `workbook train` builds: its layer widths and hidden activation, decided from the
/// flags, the data and a loaded weights file, with a clear error when they disagree.
public struct NetworkShape: Sendable, Equatable {
    /// The layer widths, input first and classes last.
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

    /// The shape for `training` and `test`: the requested widths, else the loaded file's, else
    /// `[pixels, 256, 128, classes]`; the requested activation, else the file's, else ReLU.
    ///
    /// - Throws: `NetworkShapeError` when a request contradicts the loaded file (named by
    ///   `loadedPath`), the test images differ in size from the training images, the input width
    ///   differs from the pixel count, there are fewer outputs than classes, or the network is
    ///   larger than `TrainingLimits` allows.
    public init(
        requestedLayers: [Int]?, requestedActivation: Activation?, loaded: WeightsFile?, loadedPath: String?,
        training: LabelledImages, test: LabelledImages
    ) throws(NetworkShapeError) {
        let classes = max(training.classCount, test.classCount)
        let sizes = requestedLayers ?? loaded?.layerSizes ?? [training.featureCount, 256, 128, classes]
        let file = loadedPath ?? "the loaded file"
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
        layerSizes = sizes
        activation = requestedActivation ?? loaded?.activation ?? .relu
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
