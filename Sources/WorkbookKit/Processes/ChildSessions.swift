import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The sessions of the programs `workbook` is running now, each led by the program it started, so
/// that all of them can be killed at once when `workbook` is interrupted.
final class ChildSessions: @unchecked Sendable {
    /// The sessions of this process's children.
    static let shared = ChildSessions()

    private var leaders: Set<pid_t> = []
    private var isTerminating = false
    private let lock = NSLock()

    /// Records the session led by `leader`; false when `workbook` is being interrupted, and the
    /// caller must kill the session at once.
    func insert(_ leader: pid_t) -> Bool {
        lock.withLock {
            leaders.insert(leader)
            return !isTerminating
        }
    }

    /// Whether `workbook` is being interrupted: the children it kills then must not be reported as
    /// failures, and the thread that waited for one waits for the exit instead.
    var isBeingInterrupted: Bool { lock.withLock { isTerminating } }

    /// Forgets the session led by `leader`.
    func remove(_ leader: pid_t) {
        lock.withLock { _ = leaders.remove(leader) }
    }

    /// Kills every recorded session, and from now on refuses new ones.
    func killAll() {
        let all = lock.withLock {
            isTerminating = true
            return leaders
        }
        for leader in all { Self.kill(session: leader) }
    }

    /// Sends SIGKILL to every live process of the session `session` (its leader's pid) until none is
    /// left, found by reading `/proc/PID/stat`. Processes forked meanwhile are in the same session,
    /// so repeating the sweep catches them; a process that starts a session of its own escapes.
    static func kill(session: pid_t) {
        for _ in 0..<100 {
            let members = processes(inSession: session)
            if members.isEmpty { return }
            for pid in members { Glibc.kill(pid, SIGKILL) }
            usleep(1_000)
        }
    }

    /// The live (not zombie) processes whose session id is `session`.
    static func processes(inSession session: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var members: [pid_t] = []
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm)": state, ppid, pgrp, session, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", pid_t(fields[3]) == session else { continue }
            members.append(pid)
        }
        return members
    }
}
