import Foundation
import Synchronization

/// A fixed team of threads that run one job together, phase after phase, with a spin barrier:
/// the training step's two parallel phases cost two hand-offs per batch instead of the several
/// thread wake-ups per matrix product that BLAS threading costs. The calling thread is member 0;
/// members spin briefly, then yield, then sleep until the next phase.
@available(macOS 15.0, *)
final class WorkerTeam: @unchecked Sendable {
    /// The number of members, the caller included.
    let size: Int
    private let generation = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let parking = NSCondition()
    private var parked = 0
    /// The current phase's job; written by member 0 before `generation` is bumped (release) and
    /// read by the others after they see the bump (acquire).
    private nonisolated(unsafe) var job: ((Int) -> Void)?
    private var threads: [Thread] = []

    /// A team of `size` members: the caller plus `size − 1` new threads.
    init(size: Int) {
        precondition(size >= 1, "a team needs at least one member")
        self.size = size
        for member in 1..<max(1, size) {
            // Unretained on purpose: a strong (or `unowned`) load would keep the team alive for as
            // long as `serve` runs, or trap when a thread starts after the last release. `deinit`
            // waits for every thread to leave `serve`, so `self` outlives each use.
            let thread = Thread { [unowned(unsafe) self] in self.serve(member) }
            thread.stackSize = 1 << 20
            thread.start()
            threads.append(thread)
        }
    }

    deinit {
        finished.store(0, ordering: .relaxed)
        stopping.store(true, ordering: .releasing)
        generation.add(1, ordering: .releasing)
        parking.lock()
        parking.broadcast()
        parking.unlock()
        while finished.load(ordering: .acquiring) != -(size - 1) { Self.relax() }
    }

    /// Runs `body(member)` on every member, `member` in `0..<size`, and returns when all are done.
    func run(_ body: (Int) -> Void) {
        guard size > 1 else { return body(0) }
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            parking.lock()
            if parked > 0 { parking.broadcast() }
            parking.unlock()
            body(0)
            var spins = 0
            while finished.load(ordering: .acquiring) < size - 1 {
                spins += 1
                if spins < 4000 { Self.relax() } else { sched_yield() }
            }
            job = nil
        }
    }

    private func serve(_ member: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < 4000 {
                    Self.relax()
                } else if spins < 20_000 {
                    sched_yield()
                } else {
                    parking.lock()
                    if generation.load(ordering: .acquiring) == seen {
                        parked += 1
                        parking.wait()
                        parked -= 1
                    }
                    parking.unlock()
                    spins = 0
                }
            }
            seen = generation.load(ordering: .acquiring)
            if stopping.load(ordering: .acquiring) {
                finished.add(-1, ordering: .releasing)
                return
            }
            job!(member)
            finished.add(1, ordering: .releasing)
        }
    }

    /// One turn of a spin-wait. (`_mm_pause` is a header-inline that Swift cannot emit, so the
    /// loop just re-reads the atomic; a few thousand turns last microseconds.)
    @inline(__always) private static func relax() {}
}
