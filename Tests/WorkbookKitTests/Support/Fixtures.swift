import Foundation
@testable import WorkbookKit

/// Paths of the test fixtures and of the package, found from this file's location.
enum Fixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        testsFolder.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    /// The chapters of a fixture folder, named as `workbook verify` would name them from the
    /// package root.
    static func entries(_ folder: String) throws -> [ChapterDiscovery.Entry] {
        try ChapterDiscovery.entries(for: [url(folder).path], workingDirectory: packageRoot)
    }

    /// The fixture book that passes, verified once for all tests.
    static let passingReports: Result<[ChapterReport], Error> = Result {
        try Verifier(packageRoot: packageRoot).verify(try entries("passing"))
    }

    /// The fixture book whose every chapter fails in a different way, verified once for all tests.
    /// The short time limit is for the chapter that hangs.
    static let failingReports: Result<[ChapterReport], Error> = Result {
        try Verifier(timeout: 5, packageRoot: packageRoot).verify(try entries("failing"))
    }
}
