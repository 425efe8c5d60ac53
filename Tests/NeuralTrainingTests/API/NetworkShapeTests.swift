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
    ] as [([Int]?, Activation?, file: [Int]?, String)])
    func contradictionsAreErrorsThatSayWhy(layers: [Int]?, activation: Activation?, file: [Int]?, message: String) {
        #expect(throws: NetworkShapeError(message)) {
            try NetworkShape(
                requestedLayers: layers, requestedActivation: activation, loaded: file.map { Self.file($0) }, loadedPath: "w.bin",
                training: Self.images, test: Self.images)
        }
    }
}
