import Foundation
import Testing
import Neural
@testable import NeuralTraining

@Suite struct IDXFileTests {
    @Test(arguments: ["tiny/train-images-idx3-ubyte.gz", "plain-images-idx3-ubyte"])
    func readsImagesCompressedOrNot(name: String) throws {
        let file = try IDXFile(contentsOf: Fixtures.url(name))
        #expect(file.dimensions == [3, 2, 3])
        #expect(file.bytes == Array(0..<18))
    }

    @Test func readsLabels() throws {
        let file = try IDXFile(contentsOf: Fixtures.url("tiny/train-labels-idx1-ubyte.gz"))
        #expect(file.dimensions == [3])
        #expect(file.bytes == [2, 0, 1])
    }

    /// The error each broken fixture must give, naming the file at `path`.
    static func expectedError(for name: String, path: String) -> IDXError {
        switch name {
        case "bad-magic.gz": .badMagic(path: path, found: [0x12, 0x34, 0x08, 0x03])
        case "truncated-data.gz": .truncated(path: path, expectedBytes: 16 + 18, actualBytes: 16 + 13)
        case "truncated-gzip.gz": .truncatedCompression(path: path)
        case "int-type.gz": .unsupportedType(path: path, typeCode: 0x0C)
        default: .missingFile(path: path, hint: "")
        }
    }

    @Test(arguments: ["bad-magic.gz", "truncated-data.gz", "truncated-gzip.gz", "int-type.gz", "no-such-file.gz"])
    func brokenFilesGiveErrorsNamingTheFile(name: String) {
        let url = Fixtures.url(name)
        let expected = Self.expectedError(for: name, path: url.path)
        #expect(throws: expected) { try IDXFile(contentsOf: url) }
        #expect(expected.description.hasPrefix(url.path))
    }

    @Test func decompressesConcatenatedGzipMembers() throws {
        let member = [UInt8](try Data(contentsOf: Fixtures.url("tiny/train-labels-idx1-ubyte.gz")))
        let both = try Gzip.decompress(member + member)
        #expect(both.count == 2 * (8 + 3))
    }
}
