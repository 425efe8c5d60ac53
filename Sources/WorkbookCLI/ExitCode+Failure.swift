import ArgumentParser
import Foundation

/// Prints a reader-fixable error and fails.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("workbook: \(error)\n".utf8))
    return ExitCode.failure
}
