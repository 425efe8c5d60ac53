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
            `check NAME` runs your attempt against its checks (`--watch` re-checks on every save), `hint NAME` \
            shows the next hint, `reset NAME` puts the starter back and `next` goes on to the first exercise not done. `train` trains the book's network on \
            Fashion-MNIST with OpenBLAS.
            """,
        subcommands: [
            Verify.self, ListExercises.self, StartExercise.self, CheckExercise.self, ShowHint.self, ResetExercise.self,
            NextExercise.self, New.self, Build.self, Serve.self, Train.self,
        ])
}
