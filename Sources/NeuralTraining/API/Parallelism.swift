/// How a training run uses several cores.
public enum Parallelism: String, CaseIterable, Sendable {
    /// A `WorkerTeam` shares each step (rows, then columns, then parameters) and BLAS runs on one
    /// thread per member: two or three hand-offs per batch.
    case team
    /// BLAS threads every matrix product internally; everything else runs on one thread.
    case blas
}
