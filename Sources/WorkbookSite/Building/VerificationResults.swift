import Foundation
import WorkbookKit

/// Where the site's computed values come from: the one place `workbook build` asks for them.
///
/// Today this runs `Verifier`, whose reports are cached per chapter under `.build/workbook`, so a
/// build after a `workbook verify` with nothing changed compiles and runs nothing.
public enum VerificationResults {
    /// The verification report of each chapter file in `entries`, in order.
    public static func reports(for entries: [ChapterDiscovery.Entry], timeout: Double? = nil) throws -> [ChapterReport] {
        try Verifier(timeout: timeout).verify(entries)
    }
}
