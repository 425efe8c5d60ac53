/// The outcome of an answer to an exercise: the exercise's checks, run with the answer in place of
/// the solution, and anything that stopped the answer from running.
public struct ExerciseAttempt: Sendable {
    /// The exercise's checks, in order.
    public var results: [CheckResult]
    /// Compiler errors in the answer, a crash or a time-out.
    public var problems: [WorkbookError]
    /// Whether the same attempt would end the same way on another run: true unless it ran out of
    /// time, printed too much or broke the results protocol, which can depend on the machine.
    public var isReproducible = true

    /// Whether every check passed and nothing went wrong.
    public var passed: Bool {
        problems.isEmpty && !results.isEmpty && results.allSatisfy { $0.status == .passed }
    }

    /// Runs `replacement` as the answer to `exercise` of `chapter`.
    public static func check(
        _ exercise: Exercise, in chapter: Chapter, replacement: ChapterProgram.Replacement,
        runner: ChapterRunner, timeout: Double
    ) throws -> ExerciseAttempt {
        let program = ChapterProgram(chapter: chapter, exercise: exercise, replacement: replacement)
        let result = try runner.run(program, timeout: timeout)
        let report = ChapterEvaluator.report(for: chapter, result: result, seconds: 0)
        let checks = chapter.checks
        let wanted = Set(exercise.checkIndices.map { checks[$0].line })
        var problems = report.problems
        if case .compileFailed = result {
            problems = problems.filter { $0.location?.file == replacement.location.file || $0.location == nil }
            if problems.isEmpty { problems = report.problems }
        }
        var attempt = ExerciseAttempt(
            results: report.results.filter { wanted.contains($0.location.line) && $0.expression != "output" },
            problems: problems)
        if case .ran(let run) = result {
            switch run.ending {
            case .timedOut, .outputCut, .rejected: attempt.isReproducible = false
            case .finished, .exited, .crashed: break
            }
        }
        return attempt
    }
}
