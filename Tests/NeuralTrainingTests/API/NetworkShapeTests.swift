import Testing
import Neural
import NeuralTraining

/// How `workbook train` decides its network from the flags, the data and a loaded weights file.
@Suite struct NetworkShapeTests {
    /// Four 2×2 images with labels 0...2 (three classes, four pixels).
    static let images = LabelledImages(pixels: Array(repeating: 0, count: 16), labels: [0, 1, 2, 1], rows: 2, columns: 2)

    static func file(_ sizes: [Int], _ activation: Activation = .relu) -> WeightsFile {
        WeightsFile(
            layerSizes: sizes, activation: activation, precision: .float, epochsCompleted: 1,
            parameters: Array(repeating: 0, count: WeightsFile.parameterCount(layerSizes: sizes)))
    }

    @Test(arguments: [
        ("784,256,128,10", [784, 256, 128, 10] as [Int]?), (" 4 , 3 ", [4, 3]), ("4", nil), ("4,,3", nil),
        ("4,0,3", nil), ("4,-2,3", nil), ("a,b", nil), ("", nil),
    ])
    func layersParse(text: String, widths: [Int]?) {
        #expect(NetworkShape.parseLayers(text) == widths)
    }

    @Test func defaultsComeFromTheData() throws {
        let shape = try NetworkShape(
            requestedLayers: nil, requestedActivation: nil, loaded: nil, loadedPath: nil,
            training: Self.images, test: Self.images)
        #expect(shape.layerSizes == [4, 256, 128, 3])
        #expect(shape.activation == .relu)
    }

    @Test func aLoadedFileDecidesWhatTheFlagsLeaveOpen() throws {
        let shape = try NetworkShape(
            requestedLayers: nil, requestedActivation: nil, loaded: Self.file([4, 5, 3], .tanh), loadedPath: "w.bin",
            training: Self.images, test: Self.images)
        #expect(shape.layerSizes == [4, 5, 3])
        #expect(shape.activation == .tanh)
    }

    @Test(arguments: [
        ([4, 6, 3] as [Int]?, nil as Activation?, file: [4, 5, 3], "w.bin: the file holds a [4, 5, 3] network but --layers asks for [4, 6, 3]"),
        (nil, .sigmoid, file: [4, 5, 3], "w.bin: the file's network uses relu but --activation asks for sigmoid"),
        ([5, 3], nil, file: nil, "the network takes 5 inputs but the images have 4 pixels (2×2)"),
        ([4, 2], nil, file: nil, "the network has 2 outputs but the labels go up to 2"),
        ([4, 1 << 20, 1 << 20, 3], nil, file: nil, "the network [4, 1048576, 1048576, 3] has 1099521064963 parameters, more than the 2147483648 allowed"),
    ] as [([Int]?, Activation?, file: [Int]?, String)])
    func contradictionsAreErrorsThatSayWhy(layers: [Int]?, activation: Activation?, file: [Int]?, message: String) {
        #expect(throws: NetworkShapeError(message)) {
            try NetworkShape(
                requestedLayers: layers, requestedActivation: activation, loaded: file.map { Self.file($0) }, loadedPath: "w.bin",
                training: Self.images, test: Self.images)
        }
    }

    /// Test images of another size would trap in evaluation; images too large for any network
    /// make the default network too wide. (The sets are named in the table: describing a 4 MB
    /// set as a test argument would take longer than the test.)
    @Test(arguments: [
        ("2×3 test images", "the test images have 6 pixels (2×3) but the training images have 4 (2×2)"),
        ("2048×1024 images", "the network [2097152, 256, 128, 2] has a width of 2097152, outside 1...1048576"),
    ])
    func theDataMustSuitOneNetwork(name: String, message: String) {
        let (training, test) = switch name {
        case "2×3 test images": (Self.images, LabelledImages(pixels: Array(repeating: 0, count: 12), labels: [0, 1], rows: 2, columns: 3))
        default: (Self.wide, Self.wide)
        }
        #expect(throws: NetworkShapeError(message)) {
            try NetworkShape(
                requestedLayers: nil, requestedActivation: nil, loaded: nil, loadedPath: nil, training: training, test: test)
        }
    }

    /// Two 2048×1024 images: more pixels than a layer may be wide.
    static let wide = LabelledImages(pixels: Array(repeating: 0, count: 1 << 22), labels: [0, 1], rows: 2048, columns: 1024)

    /// 28×28 images with labels 0...9.
    static let digits = LabelledImages(pixels: Array(repeating: 0, count: 2 * 784), labels: [0, 9], rows: 28, columns: 28)

    static let cnnFile = WeightsFile.cnn(precision: .float, epochsCompleted: 2, parameters: Array(repeating: 0, count: 225_034))

    @Test(arguments: [
        (ModelKind.cnn as ModelKind?, nil as WeightsFile?), (nil, cnnFile), (.cnn, cnnFile),
    ])
    func theCNNComesFromTheFlagOrTheFile(model: ModelKind?, file: WeightsFile?) throws {
        let shape = try NetworkShape(
            requestedModel: model, requestedLayers: nil, requestedActivation: nil, loaded: file, loadedPath: "w.bin",
            training: Self.digits, test: Self.digits)
        #expect(shape.model == .cnn && shape.layerSizes == WeightsFile.cnnWidths && shape.activation == .relu)
    }

    /// A file of the other model names itself, says what it holds and how to load it.
    @Test(arguments: [
        (ModelKind.mlp, cnnFile,
         "w.bin: the file holds the CNN (source 004's SimpleCNN), but --model mlp asks for an MLP; load it with --model cnn (or without --model)"),
        (.cnn, file([784, 5, 10]),
         "w.bin: the file holds an MLP [784, 5, 10], but --model cnn asks for the CNN; load it with --model mlp (or without --model)"),
    ])
    func aFileOfTheOtherModelIsAClearError(model: ModelKind, file: WeightsFile, message: String) {
        #expect(throws: NetworkShapeError(message)) {
            try NetworkShape(
                requestedModel: model, requestedLayers: nil, requestedActivation: nil, loaded: file, loadedPath: "w.bin",
                training: Self.digits, test: Self.digits)
        }
    }

    @Test(arguments: [
        ([784, 10] as [Int]?, nil as String?, digits, "--layers does not apply to the CNN (--model cnn): its layers are source 004's SimpleCNN"),
        ([784, 10], "w.bin", digits, "--layers does not apply to the CNN (w.bin holds the CNN): its layers are source 004's SimpleCNN"),
        (nil, nil, images, "/data: the CNN takes 28×28 images, but the training images are 2×2"),
        (nil, nil, LabelledImages(pixels: Array(repeating: 0, count: 784), labels: [10], rows: 28, columns: 28),
         "/data: the CNN has 10 outputs but the labels go up to 10"),
    ])
    func theCNNNeedsItsImagesAndNoWidths(layers: [Int]?, loadedPath: String?, training: LabelledImages, message: String) {
        #expect(throws: NetworkShapeError(message)) {
            try NetworkShape(
                requestedModel: loadedPath == nil ? .cnn : nil, requestedLayers: layers, requestedActivation: nil,
                loaded: loadedPath == nil ? nil : Self.cnnFile, loadedPath: loadedPath, training: training, test: Self.digits,
                dataPath: "/data")
        }
    }
}
