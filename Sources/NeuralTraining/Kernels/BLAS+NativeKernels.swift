import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension BLAS {
    /// The environment variable through which OpenBLAS's `DYNAMIC_ARCH` build takes a kernel set.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// Kernel sets `DYNAMIC_ARCH` falls back to when it does not recognise the CPU's model number.
    static let fallbackCores: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "barcelona", "sandybridge"]

    /// The OpenBLAS kernel set that the instruction-set extensions in `flags` (the `flags` line of
    /// `/proc/cpuinfo`) can run: `Cooperlake` for AVX-512 with BF16, `SkylakeX` for AVX-512 F, BW,
    /// DQ and VL, `Haswell` for AVX2 with FMA, `SandyBridge` for AVX; `nil` below that.
    public static func coreType(forCPUFlags flags: Set<String>) -> String? {
        let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        if avx512 && flags.contains("avx512_bf16") { return "Cooperlake" }
        if avx512 { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        if flags.contains("avx") { return "SandyBridge" }
        return nil
    }

    /// The kernel set to ask for instead of the one OpenBLAS chose, or `nil` when its choice stands:
    /// only a fallback core (see ``fallbackCores``) is replaced, and only by a better one.
    public static func replacementCoreType(chosen: String, cpuFlags: Set<String>) -> String? {
        guard fallbackCores.contains(chosen.lowercased()),
              let wanted = coreType(forCPUFlags: cpuFlags),
              wanted.lowercased() != chosen.lowercased()
        else { return nil }
        return wanted
    }

    /// The flags of the first processor in `/proc/cpuinfo`, empty where there is none.
    static func cpuFlags(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// Restarts this program with ``coreTypeVariable`` set when OpenBLAS fell back to generic kernels
    /// on a CPU it does not know.
    ///
    /// Debian 12's OpenBLAS 0.3.21 reads the CPU's model number to pick its kernels; on a CPU newer
    /// than the library (Emerald Rapids, family 6 model 207, for one) it runs its SSE3 `Prescott`
    /// kernels. On this book's machine one CNN epoch took 16.2 s with them and 6.8 s with
    /// `Cooperlake`. OpenBLAS reads the variable only while it loads, before `main`, so the program
    /// replaces itself (`execv` of `/proc/self/exe`: same arguments, same process id) with the
    /// variable set; child processes inherit it. A value the user set is never overridden, and if the
    /// restart fails the program goes on as it was. Call this first in `main`, before any thread starts.
    public static func relaunchWithNativeKernelsIfNeeded() {
        #if os(Linux)
        guard ProcessInfo.processInfo.environment[coreTypeVariable] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let wanted = replacementCoreType(chosen: coreName, cpuFlags: cpuFlags(cpuinfo: cpuinfo))
        else { return }
        setenv(coreTypeVariable, wanted, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv(coreTypeVariable)
        #endif
    }
}
