import ArgumentParser

/// `workbook`: verify, read, extend and train the executable workbook.
struct Workbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Verify the workbook's chapters: compile and run their snippets and check every worked example.",
        discussion: """
            Authors: `verify` proves every worked example still holds; `new chapter` and `new exercise` \
            start from templates that verify; `build` renders the static site and `serve` previews it. \
            Readers: `exercises` lists every exercise, `exercise NAME` copies its starter into exercises/, \
            and `check NAME` runs your attempt against its checks. `train` trains the book's network on \
            Fashion-MNIST with OpenBLAS.
            """,
        subcommands: [Verify.self, ListExercises.self, StartExercise.self, CheckExercise.self, New.self, Build.self, Serve.self, Train.self])
}
