import Foundation

/// Paths of the files in Tests/NeuralTrainingTests/Fixtures (see generate.py there).
enum Fixtures {
    /// The fixtures folder inside the test bundle.
    static var folder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    /// A fixture file by relative path.
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// A fresh temporary folder for files a test writes.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("neural-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
