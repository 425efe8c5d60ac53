/// Images and their class labels, kept compact: one byte per pixel and per label (Fashion-MNIST's
/// 60 000 training images take 47 MB, not 376 MB of `Double`s). Batches are converted on the fly.
public struct LabelledImages: Sendable {
    /// The number of examples.
    public let count: Int
    /// Pixels per image (`rows × columns`, 784 for MNIST).
    public let featureCount: Int
    /// Image height and width in pixels.
    public let rows: Int, columns: Int
    /// Pixel intensities 0...255, image after image, row-major.
    public let pixels: [UInt8]
    /// Class labels `0..<classCount`, one per image.
    public let labels: [UInt8]

    /// The number of classes: one more than the largest label (at least 1).
    public var classCount: Int { Int(labels.max() ?? 0) + 1 }

    /// Pairs an image file (`[count, rows, columns]`) with a label file (`[count]`). `IDXFile` has
    /// checked that every dimension is positive and that their product fits, so the products here do.
    public init(images: IDXFile, imagesPath: String, labels: IDXFile, labelsPath: String) throws(IDXError) {
        guard images.dimensions.count >= 2 else {
            throw .unexpectedShape(path: imagesPath, dimensions: images.dimensions, expected: "[count, rows, columns]")
        }
        guard labels.dimensions.count == 1 else {
            throw .unexpectedShape(path: labelsPath, dimensions: labels.dimensions, expected: "[count]")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw .countMismatch(
                imagesPath: imagesPath, images: images.dimensions[0],
                labelsPath: labelsPath, labels: labels.dimensions[0])
        }
        count = images.dimensions[0]
        rows = images.dimensions[1]
        columns = images.dimensions.count > 2 ? images.dimensions[2...].reduce(1, *) : 1
        featureCount = rows * columns
        pixels = images.bytes
        self.labels = labels.bytes
    }

    /// Builds a set from raw arrays (tests and synthetic data); `pixels.count == labels.count × rows × columns`
    /// with `rows` and `columns` positive.
    public init(pixels: [UInt8], labels: [UInt8], rows: Int, columns: Int) {
        precondition(rows > 0 && columns > 0, "images need positive rows and columns, got \(rows)×\(columns)")
        precondition(pixels.count == labels.count * rows * columns, "pixel count does not match labels × rows × columns")
        self.count = labels.count
        self.rows = rows
        self.columns = columns
        featureCount = rows * columns
        self.pixels = pixels
        self.labels = labels
    }

    /// The first `limit` examples (all of them when `limit` is nil or at least `count`).
    public func prefix(_ limit: Int?) -> LabelledImages {
        guard let limit, limit < count else { return self }
        let kept = max(0, limit)
        return LabelledImages(
            pixels: Array(pixels[0..<(kept * featureCount)]), labels: Array(labels[0..<kept]),
            rows: rows, columns: columns)
    }

    /// The first `count − validationCount` examples for training and the last `validationCount`
    /// for validation (the training files of Fashion-MNIST are already in random order).
    ///
    /// - Precondition: `0 < validationCount < count`.
    public func splittingValidation(last validationCount: Int) -> (training: LabelledImages, validation: LabelledImages) {
        precondition(validationCount > 0 && validationCount < count, "LabelledImages: cannot hold out \(validationCount) of \(count) examples")
        let cut = count - validationCount
        let validation = LabelledImages(
            pixels: Array(pixels[(cut * featureCount)...]), labels: Array(labels[cut...]), rows: rows, columns: columns)
        return (prefix(cut), validation)
    }
}
