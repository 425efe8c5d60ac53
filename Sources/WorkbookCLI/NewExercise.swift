import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook new exercise NAME --chapter N`.
struct NewExercise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercise", abstract: "Append an exercise skeleton to a chapter.")

    @Argument(help: "The exercise's name: lower-case words joined by `-`.")
    var name: String

    @Option(help: "The number of the chapter to append it to.")
    var chapter: Int

    @OptionGroup var options: ScaffoldOptions

    func run() throws {
        do {
            let url = try options.scaffold().newExercise(name: name, chapterNumber: chapter)
            print("Appended exercise `\(name)` to \(options.display(url))")
        } catch {
            throw fail(error)
        }
    }
}
