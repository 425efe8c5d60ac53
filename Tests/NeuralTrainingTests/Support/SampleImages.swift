import Foundation
import Neural
import NeuralTraining

/// 28×28 images for the tests that compare the fast path with `Neural`: the first test images of
/// Fashion-MNIST when it is installed (where `workbook train` looks: `$NEURAL_DATASET_DIR`, else
/// Debian's folder), else a fixed synthetic set of the same size (seeded noise with a bright bar
/// whose position is the label), so the tests run everywhere.
enum SampleImages {
    /// `count` images with labels in `0..<10`, and whether they are Fashion-MNIST's.
    static func first(_ count: Int) -> (images: LabelledImages, real: Bool) {
        if let test = try? DatasetFolder.resolve(flag: nil).testSet(), test.rows == 28, test.columns == 28, test.count >= count {
            return (test.prefix(count), true)
        }
        return (synthetic(count), false)
    }

    /// `count` seeded 28×28 images: noise below 60 and, for label `k`, rows `2k + 4` and `2k + 5` bright.
    static func synthetic(_ count: Int, seed: UInt64 = 11) -> LabelledImages {
        var generator = SeededGenerator(seed: seed)
        var pixels: [UInt8] = [], labels: [UInt8] = []
        for _ in 0..<count {
            let label = generator.nextInt(below: 10)
            labels.append(UInt8(label))
            for row in 0..<28 {
                for _ in 0..<28 {
                    let bright = row == 2 * label + 4 || row == 2 * label + 5
                    pixels.append(UInt8(bright ? 180 + generator.nextInt(below: 76) : generator.nextInt(below: 60)))
                }
            }
        }
        return LabelledImages(pixels: pixels, labels: labels, rows: 28, columns: 28)
    }

    /// The images as `Neural` reads them: `[n, 1, 28, 28]` (or `[n, 784]` with `flat`), pixels / 255.
    static func tensor(_ images: LabelledImages, flat: Bool = false) -> Tensor {
        let shape = flat ? [images.count, images.featureCount] : [images.count, 1, images.rows, images.columns]
        return Tensor(shape: shape, elements: images.pixels.map { Double($0) / 255 })
    }

    /// The labels as class indices.
    static func classIndices(_ images: LabelledImages) -> [Int] { images.labels.map(Int.init) }
}

extension LabelledImages {
    /// The examples at `indices`, in that order.
    func subset(_ indices: [Int]) -> LabelledImages {
        LabelledImages(
            pixels: indices.flatMap { pixels[($0 * featureCount)..<(($0 + 1) * featureCount)] }, labels: indices.map { labels[$0] },
            rows: rows, columns: columns)
    }
}
