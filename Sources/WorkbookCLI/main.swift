import ArgumentParser

/// `workbook`: verify and build the executable workbook.
struct Workbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Verify the workbook's chapters: compile and run their snippets and check every worked example.",
        subcommands: [Verify.self, ListExercises.self, StartExercise.self, CheckExercise.self, New.self, Build.self, Serve.self, Train.self])
}

Workbook.main()
