import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook hint NAME`: the exercise's next hint, one at a time.
struct ShowHint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ReaderCommand.hint.rawValue,
        abstract: "Show an exercise's next hint (one at a time; after the last, the first again).")

    @Argument(help: "The exercise's name.")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        do {
            let hint = try options.workspace().nextHint(name)
            print("Hint \(hint.number) of \(hint.count):\n\n\(hint.text)")
        } catch {
            throw fail(error)
        }
    }
}
