import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook new chapter "Title"`.
struct NewChapter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chapter", abstract: "Create the next numbered chapter.")

    @Argument(help: "The chapter's title.")
    var title: String

    @OptionGroup var options: ScaffoldOptions

    func run() throws {
        do {
            print("Created \(options.display(try options.scaffold().newChapter(title: title)))")
        } catch {
            throw fail(error)
        }
    }
}
