import Foundation

/// A folder holding an IDX dataset in the MNIST layout: `train-images-idx3-ubyte`,
/// `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally
/// gzip-compressed (`.gz`). MNIST, Fashion-MNIST and KMNIST all use it.
public struct DatasetFolder: Sendable {
    /// Where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST.
    public static let debianFashionMNIST = "/usr/share/datasets/fashion-mnist"
    /// The environment variable that overrides the default folder.
    public static let environmentVariable = "NEURAL_DATASET_DIR"
    /// What to do when a file is missing.
    public static let installHint = """
        Install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist`, or pass --data FOLDER \
        (or set \(environmentVariable)) to a folder holding the four IDX files of MNIST or a dataset like it.
        """

    /// The folder.
    public let url: URL

    /// The folder at `path`.
    public init(path: String) { url = URL(fileURLWithPath: path, isDirectory: true) }

    /// The folder chosen by a flag, else by `NEURAL_DATASET_DIR`, else Debian's Fashion-MNIST location.
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatasetFolder {
        if let flag, !flag.isEmpty { return DatasetFolder(path: flag) }
        if let path = environment[environmentVariable], !path.isEmpty { return DatasetFolder(path: path) }
        return DatasetFolder(path: debianFashionMNIST)
    }

    /// The training set (`train-*`).
    public func trainingSet() throws(IDXError) -> LabelledImages { try load(prefix: "train") }

    /// The test set (`t10k-*`).
    public func testSet() throws(IDXError) -> LabelledImages { try load(prefix: "t10k") }

    /// Loads `<prefix>-images-idx3-ubyte[.gz]` with `<prefix>-labels-idx1-ubyte[.gz]`.
    public func load(prefix: String) throws(IDXError) -> LabelledImages {
        let imagesURL = file("\(prefix)-images-idx3-ubyte")
        let labelsURL = file("\(prefix)-labels-idx1-ubyte")
        let images = try IDXFile(contentsOf: imagesURL, missingHint: Self.installHint)
        let labels = try IDXFile(contentsOf: labelsURL, missingHint: Self.installHint)
        return try LabelledImages(images: images, imagesPath: imagesURL.path, labels: labels, labelsPath: labelsURL.path)
    }

    /// `name.gz` when it exists, else `name` when that exists, else `name.gz` (reported missing).
    func file(_ name: String) -> URL {
        let compressed = url.appendingPathComponent(name + ".gz")
        let plain = url.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: compressed.path), FileManager.default.fileExists(atPath: plain.path) {
            return plain
        }
        return compressed
    }
}
