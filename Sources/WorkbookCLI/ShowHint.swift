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
            // The chapter writes each hint as a quote that starts with "Hint"; the heading says it already.
            var text = Substring(hint.text)
            if text.hasPrefix("Hint:") { text = text.dropFirst("Hint:".count).drop { $0 == " " } }
            print("Hint \(hint.number) of \(hint.count): \(text)")
        } catch {
            throw fail(error)
        }
    }
}
