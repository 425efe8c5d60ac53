import ArgumentParser
import Neural
import NeuralTraining
import Testing
import WorkbookKit
@testable import WorkbookCLI

/// The `workbook` command's surface: every subcommand is described, `train`'s choices are parsed
/// into enums and listed in its help, and bad flags fail with a usage error (exit code 64) that names
/// the flag, before anything runs.
@Suite struct CommandLineTests {
    static let subcommands = ["verify", "exercises", "exercise", "check", "hint", "reset", "next", "new", "build", "serve", "train"]

    /// The site and the starter files print `ReaderCommand`'s invocations; each must parse into
    /// the subcommand it names.
    @Test(arguments: ReaderCommand.allCases)
    func everyCommandTheReaderIsToldToRunExists(_ command: ReaderCommand) throws {
        let words = command.invocation(command.takesName ? "or-gate" : nil).split(separator: " ").map(String.init)
        #expect(Array(words.prefix(3)) == ["swift", "run", "workbook"])
        let parsed = try Workbook.parseAsRoot(Array(words.dropFirst(3)))
        let expected: [ReaderCommand: any ParsableCommand.Type] = [
            .list: ListExercises.self, .start: StartExercise.self, .check: CheckExercise.self,
            .hint: ShowHint.self, .reset: ResetExercise.self, .next: NextExercise.self,
        ]
        #expect(type(of: parsed) == expected[command]!)
    }

    @Test func topLevelHelpDescribesEverySubcommand() {
        let help = Workbook.helpMessage()
        for name in Self.subcommands {
            #expect(help.contains("  \(name) "), "workbook --help does not list \(name)")
        }
        for command in Workbook.configuration.subcommands {
            let abstract = command.configuration.abstract
            #expect(!abstract.isEmpty, "\(command) has no abstract")
            #expect(help.contains(String(abstract.prefix(30))), "the abstract of \(command) is missing from workbook --help")
        }
    }

    @Test(arguments: [
        ("--optimizer", ["sgd", "momentum", "adam", "adamw"]),
        ("--activation", ["relu", "leaky-relu", "tanh", "sigmoid"]),
        ("--precision", ["float", "double"]),
        ("--parallelism", ["team", "blas"]),
        ("--model", ["mlp", "cnn"]),
    ])
    func trainHelpListsEachChoice(flag: String, values: [String]) {
        let lines = Workbook.helpMessage(for: Train.self, columns: 100).split(separator: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(flag) ") }) else {
            Issue.record("train --help does not describe \(flag)")
            return
        }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  --") } ?? lines.endIndex
        let entry = lines[start..<end].joined(separator: " ")
        for value in values {
            #expect(entry.contains(value), "train --help does not list \(value) for \(flag): \(entry)")
        }
    }

    @Test func trainParsesItsChoicesIntoTheSharedTypes() throws {
        let command = try Train.parse([
            "--optimizer", "adam", "--activation", "leaky-relu", "--precision", "double", "--parallelism", "blas",
        ])
        #expect(command.optimizer == .adam)
        #expect(command.activation == .leakyReLU(alpha: 0.01))
        #expect(command.precision == .double)
        #expect(command.parallelism == .blas)
        let defaults = try Train.parse([])
        #expect(defaults.optimizer == nil && defaults.activation == nil && defaults.precision == .float && defaults.parallelism == .team)
        #expect(defaults.model == nil && defaults.resolvedOptimizer(model: .mlp) == .sgd && defaults.resolvedOptimizer(model: .cnn) == .adam)
        #expect(try Train.parse(["--model", "cnn"]).model == .cnn)
        #expect(command.resolvedOptimizer(model: .cnn) == .adam && command.resolvedOptimizer(model: .mlp) == .adam)
    }

    /// One width more than a network may have.
    static let sixtyFiveWidths = Array(repeating: "4", count: 65).joined(separator: ",")

    @Test(arguments: [
        (["train", "--optimizer", "lbfgs"], "--optimizer"),
        (["train", "--activation", "gelu"], "--activation"),
        (["train", "--precision", "half"], "--precision"),
        (["train", "--parallelism", "gpu"], "--parallelism"),
        (["train", "--batch-size", "0"], "--batch-size"),
        (["train", "--epochs", "-1"], "--epochs"),
        (["train", "--layers", "784,0,10"], "--layers"),
        (["train", "--dropout", "1"], "--dropout"),
        (["train", "--dropout", "nan"], "--dropout"),
        (["train", "--patience", "3"], "--patience"),
        (["train", "--validation", "0"], "--validation"),
        (["train", "--layers", "784,2000000,10"], "--layers"),
        (["train", "--layers", sixtyFiveWidths], "--layers"),
        (["train", "--layers", "784,1000000,1000000,10"], "--layers"),
        (["train", "--batch-size", "1000000000"], "--batch-size"),
        (["train", "--batch-size", "65537"], "--batch-size"),
        (["train", "--threads", "100000"], "--threads"),
        (["train", "--threads", "0"], "--threads"),
        (["train", "--momentum", "nan"], "--momentum"),
        (["train", "--momentum", "1"], "--momentum"),
        (["train", "--momentum=-0.1"], "--momentum"),
        (["train", "--lr", "nan"], "--learning-rate"),
        (["train", "--lr", "inf"], "--learning-rate"),
        (["train", "--learning-rate", "0"], "--learning-rate"),
        (["train", "--weight-decay", "nan"], "--weight-decay"),
        (["train", "--weight-decay=-1"], "--weight-decay"),
        (["train", "--epochs", "4294967296"], "--epochs"),
        (["train", "--limit", "0"], "--limit"),
        (["train", "--model", "rnn"], "--model"),
        (["train", "--model", "cnn", "--layers", "784,10"], "--layers"),
        (["train", "--model", "cnn", "--dropout", "0.3"], "--dropout"),
        (["train", "--model", "cnn", "--activation", "sigmoid"], "--activation"),
        (["verify", "--timeout", "0"], "--timeout"),
        (["verify", "--format", "yaml"], "--format"),
        (["frobnicate"], "frobnicate"),
    ] as [([String], String)])
    func badFlagsAreUsageErrorsNamingTheFlag(arguments: [String], flag: String) {
        do {
            _ = try Workbook.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(Workbook.exitCode(for: error) == .validationFailure, "\(arguments)")
            #expect(Workbook.message(for: error).contains(flag), "\(Workbook.message(for: error))")
        }
    }
}
