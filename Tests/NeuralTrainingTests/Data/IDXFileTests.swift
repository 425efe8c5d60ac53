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
        case "bomb.gz": .excessData(path: path, expectedBytes: 8 + 3, actualBytes: nil)
        case "huge-dimensions.gz": .tooLarge(path: path, dimensions: [65536, 65536, 65536], maximumElements: Int(Int32.max))
        case "zero-rows.gz": .emptyDimension(path: path, dimensions: [3, 0, 3])
        default: .missingFile(path: path, hint: "")
        }
    }

    @Test(arguments: [
        "bad-magic.gz", "truncated-data.gz", "truncated-gzip.gz", "int-type.gz", "no-such-file.gz",
        "bomb.gz", "huge-dimensions.gz", "zero-rows.gz",
    ])
    func brokenFilesGiveErrorsNamingTheFile(name: String) {
        let url = Fixtures.url(name)
        let expected = Self.expectedError(for: name, path: url.path)
        #expect(throws: expected) { try IDXFile(contentsOf: url) }
        #expect(expected.description.hasPrefix(url.path))
    }

    @Test func decompressesConcatenatedGzipMembers() throws {
        let member = [UInt8](try Data(contentsOf: Fixtures.url("tiny/train-labels-idx1-ubyte.gz")))
        let both = try Gzip.decompress(member + member, limit: 2 * (8 + 3))
        #expect(both.count == 2 * (8 + 3))
    }

    /// The bomb inflates to 4 MiB; a limit stops zlib just past it, and a prefix reads only the header.
    @Test(arguments: [0, 1, 11, 1000, 300_000])
    func inflationStopsJustPastItsLimit(limit: Int) throws {
        let bomb = [UInt8](try Data(contentsOf: Fixtures.url("bomb.gz")))
        #expect(throws: Gzip.Failure.exceedsLimit(limit)) { try Gzip.decompress(bomb, limit: limit) }
        let prefix = try Gzip.decompressedPrefix(bomb, count: limit)
        #expect(prefix.count == limit)
        #expect(prefix == Array(([0, 0, 8, 1, 0, 0, 0, 3, 2, 0, 1] + [UInt8](repeating: 0, count: limit)).prefix(limit)))
    }

    @Test func aPrefixOfAShortStreamIsTheWholeStream() throws {
        let labels = [UInt8](try Data(contentsOf: Fixtures.url("tiny/train-labels-idx1-ubyte.gz")))
        #expect(try Gzip.decompressedPrefix(labels, count: IDXHeader.maximumSize) == [0, 0, 8, 1, 0, 0, 0, 3, 2, 0, 1])
        #expect(try Gzip.decompress(labels, limit: 11).count == 11)
    }

    /// An uncompressed IDX file: magic `00 00 08 rank`, big-endian dimensions, then `data`.
    static func idx(_ dimensions: [UInt32], data: [UInt8]) -> [UInt8] {
        [0, 0, 8, UInt8(dimensions.count)] + dimensions.flatMap { d in (0..<4).map { UInt8(truncatingIfNeeded: d >> (24 - 8 * $0)) } } + data
    }

    /// Hostile headers are rejected from the header alone, with checked arithmetic and caps.
    @Test(arguments: [
        (idx([3, 0, 3], data: []), IDXError.emptyDimension(path: "x.idx", dimensions: [3, 0, 3])),
        (idx([0], data: []), .emptyDimension(path: "x.idx", dimensions: [0])),
        (idx([1, 2, 0, 4], data: []), .emptyDimension(path: "x.idx", dimensions: [1, 2, 0, 4])),
        (idx([.max, .max, .max, .max], data: []),
         .tooLarge(path: "x.idx", dimensions: Array(repeating: Int(UInt32.max), count: 4), maximumElements: Int(Int32.max))),
        (idx([1, .max, .max, 0], data: []), .emptyDimension(path: "x.idx", dimensions: [1, Int(UInt32.max), Int(UInt32.max), 0])),
        (idx([1 << 16, 1 << 15], data: []), .tooLarge(path: "x.idx", dimensions: [1 << 16, 1 << 15], maximumElements: Int(Int32.max))),
        (idx([2, 3], data: [1, 2, 3, 4, 5]), .truncated(path: "x.idx", expectedBytes: 12 + 6, actualBytes: 12 + 5)),
        (idx([2, 3], data: [1, 2, 3, 4, 5, 6, 7]), .excessData(path: "x.idx", expectedBytes: 12 + 6, actualBytes: 12 + 7)),
        (Array(idx([2, 3], data: []).prefix(10)), .truncated(path: "x.idx", expectedBytes: 12, actualBytes: 10)),
    ] as [([UInt8], IDXError)])
    func hostileHeadersAreErrorsNamingTheFile(bytes: [UInt8], expected: IDXError) {
        #expect(throws: expected) { try IDXFile(parsing: bytes, path: "x.idx") }
        #expect(expected.description.hasPrefix("x.idx: "))
    }

    @Test func theLargestAcceptedHeaderIsExact() throws {
        let header = try IDXHeader(parsing: Self.idx([1 << 15, (1 << 16) - 1], data: [])[...], path: "x.idx")
        #expect(header.elementCount == (1 << 15) * ((1 << 16) - 1))
        #expect(header.fileSize == 12 + header.elementCount)
        #expect(try IDXFile(parsing: Self.idx([2, 3], data: [1, 2, 3, 4, 5, 6]), path: "x.idx").bytes == [1, 2, 3, 4, 5, 6])
    }

    @Test func errorMessagesSayWhatIsWrong() {
        #expect(IDXError.emptyDimension(path: "a", dimensions: [3, 0, 3]).description
            == "a: dimensions [3, 0, 3] include a zero; every dimension must be positive")
        #expect(IDXError.tooLarge(path: "a", dimensions: [9, 9], maximumElements: 80).description
            == "a: dimensions [9, 9] announce more than the 80 elements an IDX file may hold")
        #expect(IDXError.excessData(path: "a", expectedBytes: 11, actualBytes: nil).description
            == "a: the gzip data inflates to more than the 11 bytes the header promises; inflating was stopped there")
        #expect(IDXError.excessData(path: "a", expectedBytes: 11, actualBytes: 12).description
            == "a: the header promises 11 bytes but the file holds 12; the data must end the file")
    }
}
