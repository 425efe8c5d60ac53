import Foundation
import Testing
import Neural
@testable import NeuralTraining

@Suite struct DatasetFolderTests {
    @Test func loadsAFolderInTheMNISTLayout() throws {
        let folder = DatasetFolder(path: Fixtures.url("tiny").path)
        let training = try folder.trainingSet()
        #expect(training.count == 3)
        #expect(training.rows == 2 && training.columns == 3 && training.featureCount == 6)
        #expect(training.pixels == Array(0..<18))
        #expect(training.labels == [2, 0, 1])
        #expect(training.classCount == 3)
        #expect(try folder.testSet().count == 3)
        #expect(training.prefix(2).labels == [2, 0])
        #expect(training.prefix(2).pixels == Array(0..<12))
    }

    @Test func differingCountsAreAnErrorNamingBothFiles() {
        let folder = DatasetFolder(path: Fixtures.url("mismatch").path)
        let images = Fixtures.url("mismatch/train-images-idx3-ubyte.gz").path
        let labels = Fixtures.url("mismatch/train-labels-idx1-ubyte.gz").path
        #expect(throws: IDXError.countMismatch(imagesPath: images, images: 3, labelsPath: labels, labels: 2)) {
            try folder.trainingSet()
        }
    }

    @Test func aMissingFileSaysHowToInstallTheDataset() throws {
        let empty = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        do {
            _ = try DatasetFolder(path: empty.path).trainingSet()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("train-images-idx3-ubyte.gz"))
            #expect(error.description.contains("apt-get install dataset-fashion-mnist"))
        }
    }

    @Test(arguments: [
        (flag: "/flag", environment: ["NEURAL_DATASET_DIR": "/env"], expected: "/flag"),
        (flag: nil, environment: ["NEURAL_DATASET_DIR": "/env"], expected: "/env"),
        (flag: nil, environment: [:], expected: "/usr/share/datasets/fashion-mnist"),
    ] as [(flag: String?, environment: [String: String], expected: String)])
    func theFlagBeatsTheEnvironmentWhichBeatsDebiansLocation(flag: String?, environment: [String: String], expected: String) {
        #expect(DatasetFolder.resolve(flag: flag, environment: environment).url.path == expected)
    }
}
