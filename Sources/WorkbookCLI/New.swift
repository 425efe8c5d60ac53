import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook new chapter|exercise`: scaffolding for authors.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a chapter or an exercise from a template that verifies as it is.",
        subcommands: [NewChapter.self, NewExercise.self])
}
