#!/usr/bin/env python3
"""Hostile cases against the real `workbook` binary.

Usage (from the package root, after `swift build --scratch-path .build-faults`):

    python3 Tests/faults/run_faults.py [BINARY] [--only SUBSTRING ...] [--list]

BINARY defaults to `.build-faults/debug/workbook`. Every case works in a temporary folder of its
own (a small fixture book it writes, synthetic datasets, forged files) and never touches the
repository's chapters/, site/ or README.md. The library cases damage the package's own compiled
libraries under `.build/workbook/libraries/` on purpose and rely on the tool to rebuild them.

Each case prints one line, `HELD` or `BROKEN`, its name and a short reason; the run ends with
`N cases, H held, B broken` and exits non-zero when anything broke. Standard library only.
"""

import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zlib

ROOT = os.getcwd()
BIN = None  # set in main()
TRAP_CODES = {132, 133, 134, 135, 136, 139}  # SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV as 128+n
WORK = os.path.join(ROOT, ".build", "workbook")
RAW_FOUNDATION = ("NSCocoaErrorDomain", "Error Domain=", "NSPOSIXErrorDomain", "The operation could not be completed")


class Broken(Exception):
    """The tool did not hold: the message says what happened."""


def expect(condition, reason):
    if not condition:
        raise Broken(reason)


def short(text, limit=160):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


CASES = []


def case(group, name):
    def register(function):
        CASES.append((group, name, function))
        return function

    return register


# --------------------------------------------------------------------------------------------
# Processes and results


class Result:
    def __init__(self, args, rc, out, err, seconds, timed_out, out_size, err_size):
        self.args, self.rc, self.out, self.err = args, rc, out, err
        self.seconds, self.timed_out = seconds, timed_out
        self.out_size, self.err_size = out_size, err_size

    @property
    def text(self):
        return self.out + "\n" + self.err

    def trapped(self):
        return self.rc is not None and (self.rc < 0 or self.rc in TRAP_CODES)

    def describe(self):
        return f"`{' '.join(self.args[1:])}` exited {self.rc} after {self.seconds:.1f} s: {short(self.err or self.out)}"


def read_capped(path, limit=8 << 20):
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            data = handle.read(limit)
    except OSError:
        return "", 0
    return data.decode("utf-8", "replace"), size


def proc_entries():
    """(pid, state, session, cmdline) of every process."""
    entries = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                cmd = handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            with open(f"/proc/{name}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        entries.append((int(name), fields[0], int(fields[3]) if len(fields) > 3 else -1, cmd))
    return entries


def live_processes(predicate):
    return [(pid, cmd) for pid, state, _, cmd in proc_entries() if state != "Z" and pid != os.getpid() and predicate(cmd)]


def wait_gone(predicate, grace=2.0):
    """The processes matching `predicate` still alive after `grace` seconds."""
    deadline = time.time() + grace
    while True:
        left = live_processes(predicate)
        if not left or time.time() >= deadline:
            return left
        time.sleep(0.05)


def wait_for(condition, timeout, step=0.02):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


class Ctx:
    """A case's temporary folder, its environment and the processes it started."""

    def __init__(self, name):
        self.dir = tempfile.mkdtemp(prefix=f"wbfault-{re.sub(r'[^a-z0-9]+', '-', name.lower())}-")
        self.tmp = os.path.join(self.dir, "tmp")
        os.mkdir(self.tmp)
        self.env = dict(os.environ)
        self.env["TMPDIR"] = self.tmp
        self.env["WORKBOOK_PACKAGE_ROOT"] = ROOT
        self.env.pop("NEURAL_DATASET_DIR", None)
        self.env["SWIFT_BACKTRACE"] = "enable=no"
        self.started = []  # Popen objects
        self.killed_pids = []  # stray processes of this case that had to be killed
        self.runs = 0

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, relative, content, mode="w"):
        target = self.path(relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, mode) as handle:
            handle.write(content)
        return target

    def book(self, chapters, folder="chapters"):
        for name, text in chapters.items():
            self.write(os.path.join(folder, name), text)
        return self.path(folder)

    def _files(self):
        self.runs += 1
        return self.path(f".out-{self.runs}"), self.path(f".err-{self.runs}")

    def spawn(self, args, cwd=None, env=None, stdout=None):
        out_path, err_path = self._files()
        out = open(out_path, "wb") if stdout is None else stdout
        err = open(err_path, "wb")
        process = subprocess.Popen(
            [BIN] + args, cwd=cwd or self.dir, env=env or self.env, stdin=subprocess.DEVNULL,
            stdout=out, stderr=err, start_new_session=True)
        process.out_path, process.err_path, process.started_at = out_path, err_path, time.time()
        if stdout is None:
            out.close()
        err.close()
        self.started.append(process)
        return process

    def finish(self, process, timeout):
        timed_out = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            process.kill()
            process.wait()
        seconds = time.time() - process.started_at
        out, out_size = read_capped(process.out_path)
        err, err_size = read_capped(process.err_path)
        result = Result(process.args, None if timed_out else process.returncode, out, err, seconds, timed_out, out_size, err_size)
        if result.trapped():
            raise Broken(f"trap: {result.describe()}")
        return result

    def run(self, args, timeout=180, cwd=None, env=None, wrapper=None):
        if wrapper:
            out_path, err_path = self._files()
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                process = subprocess.Popen(
                    wrapper + [BIN] + args, cwd=cwd or self.dir, env=env or self.env, stdin=subprocess.DEVNULL,
                    stdout=out, stderr=err, start_new_session=True)
            process.out_path, process.err_path, process.started_at = out_path, err_path, time.time()
            self.started.append(process)
            return self.finish(process, timeout)
        return self.finish(self.spawn(args, cwd=cwd, env=env), timeout)

    def cleanup(self):
        for process in self.started:
            if process.poll() is None:
                try:
                    process.kill()
                    process.wait(timeout=5)
                except Exception:
                    pass
        shutil.rmtree(self.dir, ignore_errors=True)


def kill_pids(entries, ctx):
    for pid, _ in entries:
        try:
            os.kill(pid, signal.SIGKILL)
            ctx.killed_pids.append(pid)
        except OSError:
            pass


def no_strays(ctx, predicate, what, grace=2.0):
    left = wait_gone(predicate, grace)
    if left:
        kill_pids(left, ctx)
        raise Broken(f"{what} still running afterwards: {short('; '.join(f'{p} {c}' for p, c in left))}")


# --------------------------------------------------------------------------------------------
# Fixture chapters

TINY = """# Tiny

```swift
let tinySum = weightedSum([1, 2], weights: [0.5, 0.25], bias: 0)
```

```expect
tinySum ≈ 1.0
```
"""


def line_of(text, needle, after=0):
    for number, line in enumerate(text.split("\n"), start=1):
        if number > after and needle in line:
            return number
    raise AssertionError(f"fixture has no line with {needle!r}")


def chapter(title, *blocks):
    parts = [f"# {title}", ""]
    for kind, body in blocks:
        if kind == "prose":
            parts += [body, ""]
        else:
            parts += [f"```{kind}", body.strip("\n"), "```", ""]
    return "\n".join(parts)


def exercise_chapter(title, starter="let total = 0", solution="let total = base + 5", checks="total == 15"):
    return chapter(
        "Exercises",
        ("swift", "let base = 10"),
        ("prose", f"## Exercise: {title}\n\nStore `base + 5` in `total`.\n\n> Hint: `base` is in scope."),
        ("swift starter", starter),
        ("swift solution", solution),
        ("expect", checks),
    )


def sleeper_snippet(marker, wait=True):
    code = f"""import Foundation
let sleeper = Process()
sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
sleeper.arguments = ["{marker}"]
try sleeper.run()
"""
    if wait:
        code += "sleeper.waitUntilExit()\n"
    return code + "let slowDone = 1\n"


def tree_snapshot(top):
    """path -> ('dir'|'file'|'link', content) for everything under `top`, links not followed."""
    snapshot = {}
    for folder, dirs, files in os.walk(top):
        for name in dirs + files:
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, top)
            if os.path.islink(full):
                snapshot[relative] = ("link", os.readlink(full))
                if name in dirs:
                    dirs.remove(name)
            elif os.path.isdir(full):
                snapshot[relative] = ("dir", None)
            else:
                with open(full, "rb") as handle:
                    snapshot[relative] = ("file", handle.read())
    return snapshot


def file_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


def run_leftovers(pid):
    runs = os.path.join(WORK, "runs")
    names = []
    for folder, prefix in ((runs, f"run-{pid}-"), (os.path.join(WORK, "libraries"), f"staging-{pid}-")):
        try:
            names += [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith(prefix)]
        except OSError:
            pass
    return names


def tmp_leftovers(ctx, pid):
    return [n for n in os.listdir(ctx.tmp) if n.startswith(f"workbook-run-{pid}-")]


# --------------------------------------------------------------------------------------------
# Destinations


def tiny_book(ctx):
    ctx.book({"01-tiny.md": TINY})


@case("destinations", "build --output FILE is refused and the file kept")
def build_output_file(ctx):
    tiny_book(ctx)
    known = bytes(range(256)) * 4 + b"user's notes\n"
    ctx.write("notes.bin", known, "wb")
    result = ctx.run(["build", "chapters", "--output", "notes.bin"])
    expect(result.rc not in (0, None), f"build accepted a file as --output: {result.describe()}")
    expect("notes.bin" in result.err, f"the message does not name the file: {short(result.err)}")
    expect(file_bytes(ctx.path("notes.bin")) == known, "notes.bin changed")
    extra = [n for n in os.listdir(ctx.dir) if "notes.bin" in n and n != "notes.bin"]
    expect(not extra, f"left beside the file: {extra}")
    return f"exit {result.rc}, file unchanged: {short(result.err, 90)}"


@case("destinations", "serve --output FILE is refused and the file kept")
def serve_output_file(ctx):
    tiny_book(ctx)
    known = b"\x00\x01 not a site \xff" * 100
    ctx.write("page.html", known, "wb")
    result = ctx.run(["serve", "--port", str(free_port()), "--output", "page.html"], timeout=60)
    expect(not result.timed_out, "serve kept running with a file as --output")
    expect(result.rc not in (0, None), f"serve accepted a file: {result.describe()}")
    expect("page.html" in result.err, f"the message does not name the file: {short(result.err)}")
    expect(file_bytes(ctx.path("page.html")) == known, "page.html changed")
    return f"exit {result.rc} in {result.seconds:.1f} s, file unchanged"


@case("destinations", "build --output a non-empty folder it did not write is refused")
def build_output_foreign_folder(ctx):
    tiny_book(ctx)
    ctx.write("mine/notes.txt", "do not delete\n")
    ctx.write("mine/sub/data.csv", "1,2,3\n")
    before = tree_snapshot(ctx.path("mine"))
    result = ctx.run(["build", "chapters", "--output", "mine"])
    expect(result.rc not in (0, None), f"build replaced a user's folder: {result.describe()}")
    expect("mine" in result.err and "not empty" in result.err, f"unclear message: {short(result.err)}")
    expect(tree_snapshot(ctx.path("mine")) == before, "the folder's contents changed")
    expect(not [n for n in os.listdir(ctx.dir) if n.startswith(".mine.")], "staging folders left beside it")
    return f"exit {result.rc}: {short(result.err, 90)}"


@case("destinations", "build --output a symlink to a folder is refused")
def build_output_symlink(ctx):
    tiny_book(ctx)
    os.mkdir(ctx.path("real"))
    ctx.write("real/keep.txt", "keep\n")
    os.symlink("real", ctx.path("site"))
    before = tree_snapshot(ctx.path("real"))
    result = ctx.run(["build", "chapters", "--output", "site"])
    expect(result.rc not in (0, None), f"build wrote through a symlink: {result.describe()}")
    expect("symbolic link" in result.err and "site" in result.err, f"unclear message: {short(result.err)}")
    expect(os.path.islink(ctx.path("site")) and os.readlink(ctx.path("site")) == "real", "the link was changed")
    expect(tree_snapshot(ctx.path("real")) == before, "the link's target changed")
    return f"exit {result.rc}, link and target unchanged"


@case("destinations", "build --output a dangling symlink is refused, nothing created")
def build_output_dangling_symlink(ctx):
    tiny_book(ctx)
    os.symlink("ghost/site", ctx.path("site"))
    result = ctx.run(["build", "chapters", "--output", "site"])
    expect(result.rc not in (0, None), f"build accepted a dangling link: {result.describe()}")
    expect("symbolic link" in result.err, f"unclear message: {short(result.err)}")
    expect(not os.path.exists(ctx.path("ghost")), "the link's target folder was created")
    expect(os.path.islink(ctx.path("site")), "the link was removed")
    return f"exit {result.rc}, nothing created"


@case("destinations", "leftover .site.old/.site.new-XXXXXXXX folders swept, other names kept")
def build_sweeps_leftovers(ctx):
    tiny_book(ctx)
    first = ctx.run(["build", "chapters", "--output", "site"])
    expect(first.rc == 0, f"the first build failed: {first.describe()}")
    swept = [".site.old-0123ABCD", ".site.new-DEADBEEF", ".site.new-00000000"]
    for name in swept:
        ctx.write(f"{name}/index.html", "old\n")
        ctx.write(f"{name}/deep/er/file.bin", "x" * 100)
    kept_dirs = [".site.old-0123abcd", ".site.new-DEADBEE", ".site.new-DEADBEEF0", ".site.old-GHIJKLMN",
                 ".site.tmp-0123ABCD", ".other.old-0123ABCD", "site.old-0123ABCD", ".site.old-0123ABC-"]
    for name in kept_dirs:
        ctx.write(f"{name}/mine.txt", f"kept {name}\n")
    ctx.write(".site.new-FEEDFACE", "a user's file with a leftover's name\n")
    ctx.write("victim/precious.txt", "precious\n")
    os.symlink("victim", ctx.path(".site.old-CAFEBABE"))
    ctx.write("notes.txt", "notes\n")
    keep_names = kept_dirs + [".site.new-FEEDFACE", "victim", ".site.old-CAFEBABE", "notes.txt"]
    before = {n: tree_snapshot(ctx.path(n)) if os.path.isdir(ctx.path(n)) and not os.path.islink(ctx.path(n)) else None
              for n in keep_names}
    file_before = file_bytes(ctx.path(".site.new-FEEDFACE"))
    result = ctx.run(["build", "chapters", "--output", "site"])
    expect(result.rc == 0, f"the build failed: {result.describe()}")
    still = [n for n in swept if os.path.lexists(ctx.path(n))]
    expect(not still, f"not swept: {still}")
    for name in keep_names:
        expect(os.path.lexists(ctx.path(name)), f"{name} was removed")
        if before[name] is not None:
            expect(tree_snapshot(ctx.path(name)) == before[name], f"{name} changed")
    expect(file_bytes(ctx.path(".site.new-FEEDFACE")) == file_before, "the file named like a leftover changed")
    expect(os.path.islink(ctx.path(".site.old-CAFEBABE")), "the symlink named like a leftover was replaced")
    expect(file_bytes(ctx.path("victim/precious.txt")) == b"precious\n", "the symlink's target was touched")
    expect(os.path.isfile(ctx.path("site/assets/workbook.js")), "no site after the build")
    stray = [n for n in os.listdir(ctx.dir) if re.fullmatch(r"\.site\.(old|new)-[0-9A-F]{8}", n) and n not in keep_names]
    expect(not stray, f"the build left {stray}")
    return f"swept {len(swept)}, kept {len(keep_names)} look-alikes untouched"


def site_whole(ctx, folder="site"):
    return all(os.path.isfile(ctx.path(folder, p)) for p in ("index.html", "assets/workbook.js", "assets/style.css"))


@case("destinations", "concurrent builds into one folder: both end well or the loser says why")
def concurrent_builds(ctx):
    tiny_book(ctx)
    notes = []
    for round_number in range(3):
        processes = [ctx.spawn(["build", "chapters", "--output", "site"]) for _ in range(2)]
        results = [ctx.finish(p, 300) for p in processes]
        for result in results:
            expect(not result.timed_out, f"round {round_number + 1}: a build hung")
            raw = [m for m in RAW_FOUNDATION if m in result.text]
            expect(not raw, f"round {round_number + 1}: raw Foundation error text: {short(result.err)}")
            if result.rc != 0:
                expect("site" in result.err and len(result.err.strip()) > 0,
                       f"round {round_number + 1}: a build failed without a clear message: {result.describe()}")
                notes.append(short(result.err, 60))
        expect(any(r.rc == 0 for r in results), f"round {round_number + 1}: both builds failed: {results[0].describe()}")
        expect(site_whole(ctx), f"round {round_number + 1}: site/ is not a whole site afterwards")
        left = [n for n in os.listdir(ctx.dir) if n.startswith(".site.")]
        expect(not left, f"round {round_number + 1}: left beside the site: {left}")
    return "3 rounds, site whole, nothing left" + (f"; loser said: {notes[0]}" if notes else ", every build succeeded")


# --------------------------------------------------------------------------------------------
# Processes


def interrupt_once(ctx, sig, marker, phase):
    """Starts verify of a slow chapter, sends `sig` in `phase` ('run' or 'compile'), checks the aftermath."""
    process = ctx.spawn(["verify", "chapters", "--force"])
    pid = process.pid
    ours = f"run-{pid}-"

    def reached():
        if process.poll() is not None:
            return "exited"
        if phase == "run":
            return live_processes(lambda c: f"sleep {marker}" in c)
        return live_processes(lambda c: ours in c and ("swift-frontend" in c or "swiftc" in c))

    state = wait_for(reached, 120)
    if state == "exited" or not state:
        result = ctx.finish(process, 5)
        raise Broken(f"never saw the {phase} phase: {result.describe()}")
    os.kill(pid, sig)
    result = ctx.finish(process, 20)
    expect(not result.timed_out, f"workbook did not exit within 20 s of signal {sig}")
    expect(result.rc == 128 + sig,
           f"exit status {result.rc}, expected {128 + sig}; stdout: {short(result.out, 200)!r}; stderr: {short(result.err, 200)!r}")
    no_strays(ctx, lambda c: f"sleep {marker}" in c or ours in c, "processes of the run")
    tmp_left = tmp_leftovers(ctx, pid)
    expect(not tmp_left, f"left in $TMPDIR: {tmp_left}")
    left = run_leftovers(pid)
    if left:
        ctx.write("tiny/01-tiny.md", TINY)
        follow = ctx.run(["verify", "tiny", "--force"])
        expect(follow.rc == 0, f"the next run failed: {follow.describe()}")
        still = [p for p in left if os.path.exists(p)]
        expect(not still, f"run folders of pid {pid} left even after the next run: {still}")
        return result.seconds, len(left)
    return result.seconds, 0


def interrupt_case(ctx, sig, marker, phase, attempts):
    """`interrupt_once` several times: the exit status after a signal is a race (see README)."""
    ctx.book({"01-slow.md": chapter("Slow", ("swift", sleeper_snippet(marker)), ("expect", "slowDone == 1"))})
    seconds, swept = [], 0
    for attempt in range(1, attempts + 1):
        try:
            took, left = interrupt_once(ctx, sig, marker, phase)
        except Broken as error:
            raise Broken(f"attempt {attempt}/{attempts}: {error}")
        seconds.append(took)
        swept += left
    note = f"{swept} run folder(s) left, swept by the next run" if swept else "no run folder left"
    return f"{attempts}× exit {128 + sig} within {max(seconds):.1f} s, no process left, {note}"


@case("processes", "SIGINT while the chapter runs: 130, nothing left")
def sigint_run(ctx):
    return interrupt_case(ctx, signal.SIGINT, 987611, "run", attempts=6)


@case("processes", "SIGINT while the chapter compiles: 130, no swiftc/swift-frontend left")
def sigint_compile(ctx):
    return interrupt_case(ctx, signal.SIGINT, 987612, "compile", attempts=6)


@case("processes", "SIGTERM while the chapter runs: 143, nothing left")
def sigterm_run(ctx):
    return interrupt_case(ctx, signal.SIGTERM, 987613, "run", attempts=6)


@case("processes", "SIGHUP while the chapter runs: 129, nothing left")
def sighup_run(ctx):
    return interrupt_case(ctx, signal.SIGHUP, 987614, "run", attempts=6)


@case("processes", "a snippet's Process /bin/sleep 987654 dies with the run")
def escaping_process(ctx):
    pid_file = ctx.path("twin.pid")
    code = sleeper_snippet(987654, wait=False) + f"""let sleeperID = Int(sleeper.processIdentifier)
let shell = Process()
shell.executableURL = URL(fileURLWithPath: "/bin/sh")
shell.arguments = ["-c", "/bin/sleep 987653 & echo $! > {pid_file}"]
try shell.run()
// Not waitUntilExit: the background sleep holds what Foundation watches, so it would wait for it.
while !FileManager.default.fileExists(atPath: "{pid_file}") {{ usleep(10_000) }}
usleep(100_000)
"""
    ctx.book({"01-escape.md": chapter("Escape", ("swift", code), ("expect", "sleeperID in 1...4194304"))})
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 0, f"verify failed: {result.describe()}")
    with open(pid_file) as handle:
        twin = int(handle.read().strip())
    no_strays(ctx, lambda c: "sleep 987654" in c or "sleep 987653" in c, "the snippet's sleepers", grace=1.0)
    expect(not os.path.exists(f"/proc/{twin}/cmdline") or "987653" not in open(f"/proc/{twin}/cmdline").read(),
           f"the double-forked sleep (pid {twin}) is alive")
    return f"verify passed; `sleep 987654` and the double-forked `sleep 987653` (pid {twin}) are gone"


@case("processes", "a hanging chapter with `timeout 3` fails with the time-limit message")
def hanging_timeout(ctx):
    code = sleeper_snippet(987655, wait=False) + "Thread.sleep(forTimeInterval: 3600)\n"
    text = chapter("Hang", ("prose", "<!-- workbook: timeout 3 -->"), ("swift", code), ("expect", "slowDone == 1"))
    ctx.book({"01-hang.md": text})
    result = ctx.run(["verify", "chapters", "--force"], timeout=120)
    expect(result.rc == 1, f"expected a failure: {result.describe()}")
    expect("within 3 s" in result.out and "time limit" in result.out, f"no time-limit message: {short(result.out)}")
    expect("chapters/01-hang.md:" in result.out, "the message does not name the chapter")
    expect(result.seconds < 30, f"took {result.seconds:.1f} s")
    no_strays(ctx, lambda c: "sleep 987655" in c or f"run-{result_pid(ctx)}-" in c, "the hanging chapter's processes")
    return f"failed after {result.seconds:.1f} s with the time-limit message, nothing left"


def result_pid(ctx):
    return ctx.started[-1].pid


# --------------------------------------------------------------------------------------------
# Truth


def early_read_case(ctx, check, declaration, name):
    text = chapter("Order", ("expect", check), ("swift", declaration))
    ctx.book({"01-order.md": text})
    line = line_of(text, check)
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 1, f"expected a failure: {result.describe()}")
    location = f"chapters/01-order.md:{line}:"
    errors = [l for l in result.out.splitlines() if l.startswith(location) and "error" in l]
    expect(errors, f"no error at {location}: {short(result.out)}")
    expect(any(name in l for l in errors), f"the error at the check does not name `{name}`: {short(errors[0])}")
    expect("crash" not in result.out.lower() and "signal" not in result.out.lower(), f"reported as a crash: {short(result.out)}")
    expect(" 0 passed" in result.out or "\n0 passed" in result.out, f"a check passed: {short(result.out)}")
    return short(errors[0], 110)


@case("truth", "Int read before its declaration: compile error at the check's line")
def early_int(ctx):
    return early_read_case(ctx, "laterCount == 0", "let laterCount = 5", "laterCount")


@case("truth", "Array read before its declaration: error, not a segfault")
def early_array(ctx):
    return early_read_case(ctx, "laterNames.count == 0", 'let laterNames = ["a", "b"]', "laterNames")


@case("truth", "String read before its declaration: error, not a segfault")
def early_string(ctx):
    return early_read_case(ctx, "laterText.isEmpty == true", 'let laterText = "hello"', "laterText")


@case("truth", "a snippet reading a later global: error at the snippet's line")
def early_in_snippet(ctx):
    text = chapter("Order", ("swift", "let earlyCopy = laterValue + 1"), ("swift", "let laterValue = 5"),
                   ("expect", "earlyCopy == 1"))
    ctx.book({"01-order.md": text})
    line = line_of(text, "earlyCopy = laterValue")
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 1, f"a check on zeroed memory passed: {result.describe()}")
    location = f"chapters/01-order.md:{line}:"
    expect(any(l.startswith(location) and "laterValue" in l for l in result.out.splitlines()),
           f"no error naming laterValue at {location}: {short(result.out)}")
    return f"error at {location}"


FORGED = """import Foundation
WorkbookRuntime.Session.check(0, key: 1) { 42 }
WorkbookRuntime.Session.check(1, key: 1) { 42 }
WorkbookRuntime.Session.finish(key: 1)
exit(0)
"""


@case("truth", "a snippet calling Session.check/finish and exit(0) fails")
def direct_recording(ctx):
    text = chapter("Direct", ("swift", "let answer = 41\n" + FORGED), ("expect", "answer == 42"))
    ctx.book({"01-direct.md": text})
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 1, f"the forged records passed: {result.describe()}")
    expect("0 passed" in result.out, f"something passed: {short(result.out)}")
    expect("chapters/01-direct.md:" in result.out, "no message at the chapter")
    reason = [l for l in result.out.splitlines() if "error" in l]
    return f"failed: {short(reason[0] if reason else result.out, 110)}"


@case("truth", "printed text mimicking records fails")
def printed_records(ctx):
    code = r'''import Foundation
let answer = 41
for key in ["1", "0", "ffffffffffffffff"] {
    let records = "{\"begin\":\"snippet\",\"id\":0,\"stdout\":0,\"key\":\"\(key)\"}\n{\"begin\":\"check\",\"id\":0,\"stdout\":0,\"key\":\"\(key)\"}\n{\"value\":{\"i\":\"42\"},\"id\":0,\"seconds\":0,\"key\":\"\(key)\"}\n{\"end\":true,\"stdout\":0,\"key\":\"\(key)\"}"
    print(records)
    FileHandle.standardError.write(Data((records + "\n").utf8))
}
'''
    ctx.book({"01-printed.md": chapter("Printed", ("swift", code), ("expect", "answer == 42"))})
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 1, f"printed records passed: {result.describe()}")
    expect("0 passed, 1 failed" in result.out, f"unexpected tally: {short(result.out)}")
    expect("computed: 41" in result.out, f"the computed value is not the real one: {short(result.out)}")
    return "failed with computed 41"


def exercise_setup(ctx, title="Add five"):
    ctx.book({"01-exercises.md": exercise_chapter(title)})
    start = ctx.run(["exercise", "add-five", "--chapters", "chapters", "--exercises-folder", "attempts"])
    expect(start.rc == 0, f"cannot start the exercise: {start.describe()}")
    attempt = ctx.path("attempts", "add-five.swift")
    expect(os.path.isfile(attempt), "no attempt file written")
    return attempt


def check_attempt(ctx):
    return ctx.run(["check", "add-five", "--chapters", "chapters", "--exercises-folder", "attempts"])


@case("truth", "an exercise attempt calling Session.check/finish and exit(0) fails")
def forged_attempt(ctx):
    attempt = exercise_setup(ctx)
    with open(attempt, "w") as handle:
        handle.write("let total = base + 5\n")
    honest = check_attempt(ctx)
    expect(honest.rc == 0, f"a right attempt did not pass (the case cannot work): {honest.describe()}")
    with open(attempt, "w") as handle:
        handle.write("let total = 0\n" + FORGED.replace("{ 42 }", "{ 15 }"))
    forged = check_attempt(ctx)
    expect(forged.rc == 1, f"the forged attempt passed: {forged.describe()}")
    expect("Done:" not in forged.out, "it says Done")
    expect("0 passed" in forged.out, f"something passed: {short(forged.out)}")
    return f"right attempt passes, forged one fails: {short(forged.out.splitlines()[0] if forged.out else forged.err, 90)}"


@case("truth", "an exercise attempt printing mimicked records fails")
def printed_attempt(ctx):
    attempt = exercise_setup(ctx)
    with open(attempt, "w") as handle:
        handle.write('let total = 0\nprint("{\\"begin\\":\\"check\\",\\"id\\":0,\\"stdout\\":0}")\n'
                     'print("{\\"value\\":{\\"i\\":\\"15\\"},\\"id\\":0}")\nprint("{\\"end\\":true,\\"stdout\\":0}")\n')
    result = check_attempt(ctx)
    expect(result.rc == 1, f"the printing attempt passed: {result.describe()}")
    expect("computed: 0" in result.out, f"unexpected report: {short(result.out)}")
    return "failed with computed 0"


# --------------------------------------------------------------------------------------------
# Libraries


def current_libraries(ctx):
    """The libraries folder the tool links chapters against now (read from a chapter's memory map)."""
    target = ctx.path("libraries.txt")
    code = f'''import Foundation
let mapsData = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() ?? Data()
let mapsText = String(decoding: mapsData, as: UTF8.self)
let libraryLines = mapsText.split(separator: "\\n").filter {{ $0.contains("/workbook/libraries/") }}
try! libraryLines.joined(separator: "\\n").write(toFile: "{target}", atomically: true, encoding: .utf8)
let neuralSum = weightedSum([1], weights: [2], bias: 0)
'''
    ctx.book({"01-maps.md": chapter("Maps", ("swift", code), ("expect", "neuralSum == 2"))}, folder="maps")
    result = ctx.run(["verify", "maps", "--force"], timeout=900)
    expect(result.rc == 0, f"cannot find the libraries: {result.describe()}")
    with open(target) as handle:
        paths = re.findall(r"(/\S*/workbook/libraries/[0-9a-f]{32})/lib\w+\.so", handle.read())
    expect(paths, "the chapter's memory map names no library folder")
    folder = paths[0]
    expect(os.path.realpath(folder).startswith(os.path.realpath(WORK)), f"libraries outside the package: {folder}")
    return folder


def content_hash(data):
    """WorkbookKit's ContentHash (128-bit FNV-1a variant) of one byte string."""
    low, high, prime, mask = 0xCBF29CE484222325, 0x6C62272E07BB0142, 0x100000001B3, (1 << 64) - 1
    for byte in data + b"\xff\x00":
        low = ((low ^ byte) * prime) & mask
        high = ((((high ^ byte) * prime) & mask) + (low >> 29)) & mask
    return f"{high:016x}{low:016x}"


def manifest_matches(folder, hashed=("Neural.swiftmodule",)):
    try:
        with open(os.path.join(folder, "complete")) as handle:
            lines = [l.split(" ") for l in handle.read().splitlines() if l]
    except OSError:
        return "no `complete` manifest"
    names = sorted(n for n in os.listdir(folder) if n != "complete")
    if [l[0] for l in lines] != names:
        return f"manifest lists {[l[0] for l in lines]}, folder holds {names}"
    for name, size, digest in lines:
        actual = os.path.getsize(os.path.join(folder, name))
        if int(size) != actual:
            return f"{name}: manifest says {size} bytes, file has {actual}"
        if name in hashed and content_hash(file_bytes(os.path.join(folder, name))) != digest:
            return f"{name}: hash differs from the manifest"
    return None


def sources_fingerprint():
    """Names, sizes and times of the library sources: the libraries' key changes with them."""
    entries = []
    for module in ("Neural", "Charts", "NeuralTraining", "WorkbookRuntime"):
        for folder, _, files in os.walk(os.path.join(ROOT, "Sources", module)):
            for name in sorted(files):
                info = os.stat(os.path.join(folder, name))
                entries.append((folder, name, info.st_size, info.st_mtime_ns))
    return sorted(entries)


def library_damage_case(ctx, damage):
    notes = []
    for attempt in range(3):
        fingerprint = sources_fingerprint()
        folder = current_libraries(ctx)
        problem = manifest_matches(folder)
        expect(problem is None, f"the libraries were not intact before the case: {problem}")
        module = os.path.join(folder, "Neural.swiftmodule")
        size = os.path.getsize(module)
        what = damage(folder)
        try:
            ctx.book({"01-tiny.md": TINY.replace("tinySum", "libraryProbe")})
            result = ctx.run(["verify", "chapters", "--force"], timeout=900)
            if result.rc != 0 and sources_fingerprint() != fingerprint:
                # Someone edited Sources/ meanwhile: the tool rightly built other libraries (or
                # found the sources broken); start again from the libraries of the new sources.
                notes.append("Sources/ changed during the case; retried")
                continue
            expect(result.rc == 0 and "1 passed, 0 failed" in result.out, f"after {what}, verify failed: {result.describe()}")
            if sources_fingerprint() != fingerprint:
                notes.append("Sources/ changed during the case; retried")
                continue
            problem = manifest_matches(folder)
            expect(problem is None, f"after {what}, the folder is still damaged: {problem}")
            expect(os.path.getsize(module) == size, f"Neural.swiftmodule is {os.path.getsize(module)} bytes, was {size}")
            second = ctx.run(["verify", "chapters", "--force"], timeout=900)
            expect(second.rc == 0 and second.seconds < 60, f"the run after the rebuild: {second.describe()}")
            return f"{what}: the next verify rebuilt ({result.seconds:.0f} s) and passed" + (f" ({notes[0]})" if notes else "")
        finally:
            if manifest_matches(folder) is not None:
                # Not repaired: remove the damaged folder so that the next run builds it afresh.
                shutil.rmtree(folder, ignore_errors=True)
    raise Broken(f"inconclusive: {'; '.join(notes)} three times (the library sources keep changing)")


@case("libraries", "a truncated Neural.swiftmodule is rebuilt by the next verify")
def truncated_module(ctx):
    def damage(folder):
        with open(os.path.join(folder, "Neural.swiftmodule"), "r+b") as handle:
            handle.truncate(64)
        return "Neural.swiftmodule truncated to 64 bytes"

    return library_damage_case(ctx, damage)


@case("libraries", "a deleted `complete` manifest makes the next verify rebuild")
def missing_manifest(ctx):
    def damage(folder):
        os.remove(os.path.join(folder, "complete"))
        return "`complete` deleted"

    return library_damage_case(ctx, damage)


# --------------------------------------------------------------------------------------------
# Output


def flood_case(ctx, statement):
    code = f"""import Foundation
let block = String(repeating: "y", count: (1 << 20) - 1)
for _ in 0..<500 {{ {statement} }}
let floodDone = 1
"""
    ctx.book({"01-flood.md": chapter("Flood", ("swift", code), ("expect", "floodDone == 1"))})
    result = ctx.run(["verify", "chapters", "--force"], timeout=120)
    expect(not result.timed_out, "verify did not finish within 120 s")
    expect(result.seconds < 60, f"took {result.seconds:.1f} s")
    expect(result.rc == 1, f"a run cut short passed: {result.describe()}")
    size = result.out_size + result.err_size
    expect(size < 2 << 20, f"the report is {size} bytes")
    expect("output cut" in result.out, f"the message does not say the output was cut: {short(result.out[-300:])}")
    return f"{result.seconds:.1f} s, report {size} bytes, says the output was cut"


@case("output", "a snippet printing ~500 MB to stdout is cut")
def flood_stdout(ctx):
    return flood_case(ctx, "print(block)")


@case("output", "a snippet writing ~500 MB to stderr is cut")
def flood_stderr(ctx):
    return flood_case(ctx, 'FileHandle.standardError.write(Data((block + "\\n").utf8))')


# --------------------------------------------------------------------------------------------
# Serve


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(port, request, timeout=5.0):
    """(status code, body bytes, seconds) for a raw request. The request is sent from a thread
    while the answer is read, so that a server answering early (431) is heard before it resets."""
    start = time.time()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        def send():
            try:
                connection.sendall(request)
            except OSError:
                pass

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        chunks = []
        try:
            while True:
                data = connection.recv(65536)
                if not data:
                    break
                chunks.append(data)
        except ConnectionResetError:
            if not chunks:
                raise
        sender.join(timeout)
    reply = b"".join(chunks)
    head, _, body = reply.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return (int(match.group(1)) if match else None), body, time.time() - start


def get(port, path, timeout=5.0):
    return http(port, f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode(), timeout)


def start_server(ctx):
    tiny_book(ctx)
    port = free_port()
    process = ctx.spawn(["serve", "--port", str(port), "--output", "site"])

    def ready():
        if process.poll() is not None:
            return "exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return "up"
        except OSError:
            return None

    state = wait_for(ready, 180, step=0.1)
    if state != "up":
        result = ctx.finish(process, 5)
        raise Broken(f"serve never answered: {result.describe()}")
    return process, port


def stop_server(ctx, process):
    os.kill(process.pid, signal.SIGINT)
    return ctx.finish(process, 10)


@case("serve", "50 idle connections, then GET / answers within 1 s")
def serve_idle(ctx):
    process, port = start_server(ctx)
    idle = []
    try:
        for _ in range(50):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        status, body, seconds = get(port, "/", timeout=3)
        expect(status == 200, f"GET / gave {status}")
        expect(b"<html" in body.lower(), "GET / is not a page")
        expect(seconds < 1.0, f"GET / took {seconds:.2f} s with 50 idle connections")
    finally:
        for connection in idle:
            connection.close()
    stop_server(ctx, process)
    return f"GET / answered in {seconds * 1000:.0f} ms beside 50 idle connections"


@case("serve", "a symlink inside the served folder to /etc/passwd is not served")
def serve_symlink(ctx):
    process, port = start_server(ctx)
    os.symlink("/etc/passwd", ctx.path("site", "passwd.txt"))
    os.symlink("/etc", ctx.path("site", "etc-link"))
    ctx.write("secret.txt", "TOP-SECRET-OUTSIDE\n")
    os.symlink(ctx.path("secret.txt"), ctx.path("site", "assets", "secret.js"))
    seen = []
    for path in ("/passwd.txt", "/etc-link/passwd", "/assets/secret.js"):
        status, body, _ = get(port, path)
        seen.append(f"{path} {status}")
        expect(status in (403, 404), f"GET {path} gave {status}")
        expect(b"root:" not in body and b"TOP-SECRET" not in body, f"GET {path} leaked the target")
    stop_server(ctx, process)
    return ", ".join(seen)


@case("serve", "`..` traversal is not served")
def serve_traversal(ctx):
    process, port = start_server(ctx)
    ctx.write("secret.txt", "TOP-SECRET-OUTSIDE\n")
    seen = []
    for path in ("/../secret.txt", "/../../../../../../etc/passwd", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                 "/%2e%2e%2f%2e%2e%2fetc/passwd", "/assets/../../secret.txt", "//etc/passwd", "/..\\secret.txt"):
        status, body, _ = get(port, path)
        seen.append(f"{status}")
        expect(status in (400, 403, 404), f"GET {path} gave {status}")
        expect(b"root:" not in body and b"TOP-SECRET" not in body, f"GET {path} leaked a file outside the site")
    status, _, _ = get(port, "/assets/../index.html")
    expect(status == 200, f"a `..` that stays inside the site gave {status}")
    stop_server(ctx, process)
    return f"8 escapes refused ({'/'.join(sorted(set(seen)))}), inner `..` still served"


@case("serve", "SIGINT stops the server")
def serve_sigint(ctx):
    process, port = start_server(ctx)
    result = stop_server(ctx, process)
    expect(not result.timed_out, "serve did not stop within 10 s of SIGINT")
    expect(result.rc == 130, f"exit status {result.rc}")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            raise Broken("the port still accepts connections")
    except OSError:
        pass
    no_strays(ctx, lambda c: BIN in c and f"--port {port}" in c, "serve")
    return f"exit 130 in {result.seconds:.1f} s, port closed"


@case("serve", "an oversized request head gets 431, the server keeps answering")
def serve_large_head(ctx):
    process, port = start_server(ctx)
    status, _, _ = http(port, b"GET / HTTP/1.1\r\nX-Pad: " + b"a" * 70000 + b"\r\n\r\n")
    expect(status == 431, f"a 70 kB head gave {status}")
    status, _, seconds = get(port, "/")
    expect(status == 200 and seconds < 1, f"then GET / gave {status} in {seconds:.2f} s")
    stop_server(ctx, process)
    return "431, then 200"


@case("serve", "a port already in use is a clear error")
def serve_port_taken(ctx):
    tiny_book(ctx)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        result = ctx.run(["serve", "--port", str(port), "--output", "site"], timeout=120)
    expect(not result.timed_out, "serve hung on a taken port")
    expect(result.rc not in (0, None), f"exit {result.rc}")
    expect(str(port) in result.err, f"the message does not name the port: {short(result.err)}")
    return short(result.err, 100)


# --------------------------------------------------------------------------------------------
# Train

RNG = random.Random(20240601)


def idx_bytes(dimensions, data=b""):
    return bytes([0, 0, 8, len(dimensions)]) + b"".join(struct.pack(">I", d) for d in dimensions) + data


def gzip_bytes(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def dataset(ctx, name="data", train=256, test=64, side=28, classes=10, gz=False, overrides=None):
    folder = ctx.path(name)
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(7)
    files = {}
    for prefix, count in (("train", train), ("t10k", test)):
        labels = bytes(rng.randrange(classes) for _ in range(count))
        pixels = bytes(rng.randrange(256) for _ in range(count * side * side))
        files[f"{prefix}-images-idx3-ubyte"] = idx_bytes([count, side, side], pixels)
        files[f"{prefix}-labels-idx1-ubyte"] = idx_bytes([count], labels)
    files.update(overrides or {})
    for file_name, content in files.items():
        if gz and not file_name.endswith(".gz"):
            file_name, content = file_name + ".gz", gzip_bytes(content)
        with open(os.path.join(folder, file_name), "wb") as handle:
            handle.write(content)
    return folder


def fnv1a64(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def weights_bytes(widths, epochs=1, params=None, scalar=4, activation=1, count=None, layer_count=None):
    expected = sum((a + 1) * b for a, b in zip(widths, widths[1:]))
    body = b"NNTW" + struct.pack("<HBBII", 1, scalar, activation, epochs, len(widths) if layer_count is None else layer_count)
    body += b"".join(struct.pack("<I", w) for w in widths)
    body += struct.pack("<Q", expected if count is None else count)
    if params is None:
        params = [RNG.uniform(-0.1, 0.1) for _ in range(expected)] if expected < 1_000_000 else []
    body += b"".join(struct.pack("<f" if scalar == 4 else "<d", p) for p in params)
    return body + struct.pack("<Q", fnv1a64(body))


def train_ok(result):
    return result.rc == 0


def train_fails(result, what, *needles):
    expect(not result.timed_out, f"{what}: train hung")
    expect(result.rc not in (0, None), f"{what}: accepted: {result.describe()}")
    for needle in needles:
        expect(needle in result.err, f"{what}: the message does not contain {needle!r}: {short(result.err)}")


@case("train", "weights files with huge widths or counts are refused, naming the file")
def train_huge_widths(ctx):
    data = dataset(ctx)
    forged = {
        "wide.w": weights_bytes([784, (1 << 20) + 1, 10], params=[]),
        "many.w": weights_bytes([784, 1 << 20, 1 << 20, 10], params=[]),
        "layers.w": weights_bytes([784, 10], params=[], layer_count=0xFFFFFFFF),
        "count.w": weights_bytes([784, 8, 10], params=[], count=(1 << 64) - 1),
        "max32.w": weights_bytes([0xFFFFFFFF, 0xFFFFFFFF, 10], params=[], count=0),
    }
    worst = 0.0
    for name, content in forged.items():
        ctx.write(name, content, "wb")
        result = ctx.run(["train", "--data", data, "--load", ctx.path(name), "--epochs", "0"], timeout=60)
        train_fails(result, name, ctx.path(name))
        expect(result.seconds < 10, f"{name}: took {result.seconds:.1f} s")
        worst = max(worst, result.seconds)
    return f"{len(forged)} forged files refused (slowest {worst:.1f} s)"


@case("train", "IDX files with overflowing dimensions are refused, naming the file")
def train_idx_overflow(ctx):
    variants = {
        "max3": [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF],
        "max4": [0xFFFFFFFF] * 4,
        "int32": [65536, 65536, 65536],
        "just-over": [2, 0x40000000, 1],
    }
    for label, dimensions in variants.items():
        for gz in (False, True):
            folder = dataset(ctx, name=f"d-{label}-{gz}", gz=gz, overrides={"train-images-idx3-ubyte": idx_bytes(dimensions)})
            result = ctx.run(["train", "--data", folder, "--epochs", "1"], timeout=60)
            train_fails(result, f"{label} (gzip {gz})", "train-images-idx3-ubyte")
            expect(result.seconds < 10, f"{label}: took {result.seconds:.1f} s")
    return f"{len(variants) * 2} headers refused with the file named"


@case("train", "zero-row images are refused, naming the file")
def train_zero_rows(ctx):
    folder = dataset(ctx, overrides={"train-images-idx3-ubyte": idx_bytes([0, 28, 28]),
                                     "train-labels-idx1-ubyte": idx_bytes([0])})
    result = ctx.run(["train", "--data", folder, "--epochs", "1"], timeout=60)
    train_fails(result, "zero rows", "train-images-idx3-ubyte")
    folder = dataset(ctx, name="zero-test", overrides={"t10k-images-idx3-ubyte": idx_bytes([0, 28, 28]),
                                                       "t10k-labels-idx1-ubyte": idx_bytes([0])})
    result2 = ctx.run(["train", "--data", folder, "--epochs", "1"], timeout=60)
    train_fails(result2, "zero test rows", "t10k-images-idx3-ubyte")
    return short(result.err, 110)


@case("train", "epoch counter at UInt32.max plus --epochs 1 is refused, file unchanged")
def train_epoch_max(ctx):
    data = dataset(ctx)
    content = weights_bytes([784, 8, 10], epochs=0xFFFFFFFF)
    weights = ctx.write("max.w", content, "wb")
    result = ctx.run(["train", "--data", data, "--load", weights, "--save", weights, "--epochs", "1"], timeout=60)
    train_fails(result, "UInt32.max + 1", "--epochs")
    expect(file_bytes(weights) == content, "the weights file changed")
    evaluate = ctx.run(["train", "--data", data, "--load", weights, "--epochs", "0"], timeout=60)
    expect(evaluate.rc == 0, f"evaluating a file at UInt32.max epochs failed: {evaluate.describe()}")
    return f"exit {result.rc}: {short(result.err, 100)}"


@case("train", "epoch counter reaching UInt32.max exactly is saved")
def train_epoch_reaches_max(ctx):
    data = dataset(ctx)
    weights = ctx.write("almost.w", weights_bytes([784, 8, 10], epochs=0xFFFFFFFE), "wb")
    result = ctx.run(["train", "--data", data, "--load", weights, "--save", ctx.path("out.w"), "--epochs", "1"], timeout=60)
    expect(result.rc == 0, f"one epoch to UInt32.max failed: {result.describe()}")
    saved = file_bytes(ctx.path("out.w"))
    epochs = struct.unpack_from("<I", saved, 8)[0]
    expect(epochs == 0xFFFFFFFF, f"saved epoch counter {epochs}")
    expect(struct.unpack("<Q", saved[-8:])[0] == fnv1a64(saved[:-8]), "the saved checksum is wrong")
    return "saved with epoch counter 4294967295 and a valid checksum"


@case("train", "--lr 1e9 diverges: exit 1, `diverged`, --save file unchanged")
def train_diverges(ctx):
    data = dataset(ctx, train=512)
    good = ctx.path("good.w")
    # The default 784-256-128-10 network: a 784-32-10 one on this random data only kills its
    # ReLUs at this rate and keeps a finite loss, which is not divergence.
    first = ctx.run(["train", "--data", data, "--epochs", "1", "--save", good], timeout=120)
    expect(first.rc == 0, f"could not make a good weights file: {first.describe()}")
    content = file_bytes(good)
    result = ctx.run(["train", "--data", data, "--epochs", "3", "--lr", "1e9", "--save", good], timeout=120)
    train_fails(result, "--lr 1e9", "diverged", good)
    expect(file_bytes(good) == content, "the --save file changed")
    resumed = ctx.run(["train", "--data", data, "--load", good, "--epochs", "3", "--lr", "1e9", "--save", good], timeout=120)
    train_fails(resumed, "--lr 1e9 resumed in place", "diverged", "keeps epoch 1")
    expect(file_bytes(good) == content, "the --save file changed when resuming in place")
    leftovers = [n for n in os.listdir(ctx.dir) if n.endswith(".tmp")]
    expect(not leftovers, f"temporary files left: {leftovers}")
    return short(result.err, 120)


def usage_case(ctx, flags, flag):
    result = ctx.run(["train"] + flags + ["--epochs", "1", "--data", ctx.path("nowhere")], timeout=60)
    expect(result.rc == 64, f"{' '.join(flags)}: exit {result.rc}, expected 64: {short(result.err)}")
    expect(flag in result.err, f"{' '.join(flags)}: the message does not name {flag}: {short(result.err)}")
    return short(result.err.splitlines()[0], 110)


@case("train", "--batch-size 1000000000 → 64 naming the flag")
def usage_batch(ctx):
    return usage_case(ctx, ["--batch-size", "1000000000"], "--batch-size")


@case("train", "--threads 100000 → 64 naming the flag")
def usage_threads(ctx):
    return usage_case(ctx, ["--threads", "100000"], "--threads")


@case("train", "--momentum nan → 64 naming the flag")
def usage_momentum(ctx):
    return usage_case(ctx, ["--momentum", "nan"], "--momentum")


@case("train", "--lr inf → 64 naming the flag")
def usage_lr(ctx):
    return usage_case(ctx, ["--lr", "inf"], "--learning-rate")


@case("train", "more hostile flags → 64 naming the flag")
def usage_more(ctx):
    variants = [
        (["--lr", "nan"], "--learning-rate"), (["--lr", "0"], "--learning-rate"), (["--learning-rate=-1"], "--learning-rate"),
        (["--momentum", "1"], "--momentum"), (["--momentum", "inf"], "--momentum"), (["--weight-decay", "inf"], "--weight-decay"),
        (["--batch-size", "0"], "--batch-size"), (["--batch-size", "99999999999999999999"], "--batch-size"),
        (["--threads", "0"], "--threads"), (["--limit", "0"], "--limit"), (["--layers", "784,2000000,10"], "--layers"),
        (["--layers", "784,,10"], "--layers"), (["--layers", ",".join(["8"] * 70)], "--layers"),
        (["--layers", "784,65536,65536,10"], "--layers"),
    ]
    for flags, flag in variants:
        usage_case(ctx, flags, flag)
    epochs = ctx.run(["train", "--epochs", "99999999999", "--data", ctx.path("nowhere")], timeout=60)
    expect(epochs.rc == 64 and "--epochs" in epochs.err, f"--epochs 99999999999: {epochs.describe()}")
    return f"{len(variants) + 1} flag values refused with 64"


@case("train", "--batch-size with layers too large for the workspace → 64")
def usage_workspace(ctx):
    data = dataset(ctx, train=64, test=16)
    result = ctx.run(["train", "--data", data, "--layers", "784,1000000,10", "--batch-size", "65536", "--epochs", "1"], timeout=60)
    expect(result.rc == 64, f"exit {result.rc}: {short(result.err)}")
    expect("--batch-size" in result.err, f"the message does not name --batch-size: {short(result.err)}")
    return short(result.err.splitlines()[0], 110)


def bomb_bytes(header_dimensions, payload, inflated_mb):
    """A gzip member: an IDX header and payload, then `inflated_mb` MB of zeros, in ~1 kB per MB."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(idx_bytes(header_dimensions, payload)) + head.flush(zlib.Z_FULL_FLUSH)
    zeros = b"\0" * (1 << 20)
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = block.compress(zeros) + block.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    crc = zlib.crc32(idx_bytes(header_dimensions, payload))
    for _ in range(inflated_mb):
        crc = zlib.crc32(zeros, crc)
    size = len(idx_bytes(header_dimensions, payload)) + inflated_mb * (1 << 20)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + start + repeated * inflated_mb + end + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)


@case("train", "a gzip bomb stops at its header's size, with bounded memory")
def train_gzip_bomb(ctx):
    bomb = bomb_bytes([16, 28, 28], bytes(16 * 784), 2048)
    ctx.write("bomb-check.gz", bomb, "wb")
    folder = dataset(ctx, overrides={"train-images-idx3-ubyte.gz": bomb, "train-labels-idx1-ubyte": idx_bytes([16], bytes(16))})
    wrapper = ["/usr/bin/time", "-v"] if os.access("/usr/bin/time", os.X_OK) else None
    result = ctx.run(["train", "--data", folder, "--epochs", "1"], timeout=120, wrapper=wrapper)
    train_fails(result, "gzip bomb", "train-images-idx3-ubyte.gz")
    expect("inflates to more than" in result.err or "header promises" in result.err, f"unclear message: {short(result.err)}")
    note = f"{len(bomb) >> 10} kB inflating to 2 GB refused in {result.seconds:.1f} s"
    if wrapper:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.err)
        expect(match, "no RSS in /usr/bin/time's report")
        rss = int(match.group(1)) >> 10
        expect(rss < 500, f"max RSS {rss} MB")
        note += f", max RSS {rss} MB"
    else:
        note += " (no /usr/bin/time: memory not measured)"
    return note


@case("train", "an unwritable --save or --chart is refused before the first epoch")
def train_unwritable_save(ctx):
    data = dataset(ctx)
    notes = []
    for flag in ("--save", "--chart"):
        target = ctx.path("missing", "deeper", "out.w" if flag == "--save" else "out.svg")
        result = ctx.run(["train", "--data", data, "--epochs", "500", flag, target], timeout=60)
        train_fails(result, flag, target)
        expect("epoch" not in result.out.replace("epochs", ""), f"{flag}: it trained first: {short(result.out)}")
        expect(result.seconds < 10, f"{flag}: took {result.seconds:.1f} s")
        notes.append(f"{flag} {result.seconds:.1f} s")
    expect(not os.path.exists(ctx.path("missing")), "the missing folder was created")
    return ", ".join(notes)


@case("train", "--save onto a file that is not a weights file is refused, file unchanged")
def train_save_foreign(ctx):
    data = dataset(ctx)
    content = b"my thesis, do not overwrite\n" * 50
    target = ctx.write("thesis.txt", content, "wb")
    result = ctx.run(["train", "--data", data, "--epochs", "1", "--save", target], timeout=60)
    train_fails(result, "--save foreign file", target)
    expect(file_bytes(target) == content, "the file changed")
    return short(result.err, 110)


@case("train", "SIGINT during training: 130, the --save file is a whole weights file")
def train_sigint(ctx):
    data = dataset(ctx, train=4096, test=64)
    save = ctx.path("run.w")
    process = ctx.spawn(["train", "--data", data, "--layers", "784,256,10", "--epochs", "100000", "--save", save])
    seen = wait_for(lambda: os.path.exists(save) or process.poll() is not None, 120, step=0.05)
    if process.poll() is not None or not seen:
        raise Broken(f"never saved an epoch: {ctx.finish(process, 5).describe()}")
    os.kill(process.pid, signal.SIGINT)
    result = ctx.finish(process, 20)
    expect(not result.timed_out, "train did not stop within 20 s of SIGINT")
    expect(result.rc == 130, f"exit {result.rc}: {short(result.err)}")
    saved = file_bytes(save)
    expect(saved[:4] == b"NNTW" and struct.unpack("<Q", saved[-8:])[0] == fnv1a64(saved[:-8]), "the saved file is not whole")
    check = ctx.run(["train", "--data", data, "--load", save, "--epochs", "0"], timeout=60)
    expect(check.rc == 0, f"the saved file does not load: {check.describe()}")
    return f"exit 130 in {result.seconds:.1f} s, saved file loads"


# --------------------------------------------------------------------------------------------
# Exercise names and limits


@case("names", "duplicate exercise names in two chapters: both headings reported")
def duplicate_exercises(ctx):
    first = exercise_chapter("Add five")
    second = "# Another\n\nSome prose.\n\n" + exercise_chapter("Add  Five").split("\n", 2)[2]
    ctx.book({"01-first.md": first, "02-second.md": second})
    line1, line2 = line_of(first, "## Exercise:"), line_of(second, "## Exercise:")
    result = ctx.run(["verify", "chapters", "--force"])
    expect(result.rc == 1, f"verify passed with a duplicate name: {result.describe()}")
    a, b = f"chapters/01-first.md:{line1}", f"chapters/02-second.md:{line2}"
    lines = result.out.splitlines()
    expect(any(l.startswith(a + ":") and b in l for l in lines), f"no error at {a} naming {b}: {short(result.out)}")
    expect(any(l.startswith(b + ":") and a in l for l in lines), f"no error at {b} naming {a}: {short(result.out)}")
    return f"errors at {a} and {b}"


@case("names", "an exercise name typed in NFD or NFC names one attempt file")
def normalisation(ctx):
    title = "Café crème"
    nfd_title = unicodedata.normalize("NFD", title)
    ctx.book({"01-exercises.md": exercise_chapter(nfd_title)})
    nfc = unicodedata.normalize("NFC", "café-crème")
    nfd = unicodedata.normalize("NFD", "café-crème")
    expect(nfc != nfd, "the fixture's two spellings are the same")
    options = ["--chapters", "chapters", "--exercises-folder", "attempts"]
    first = ctx.run(["exercise", nfd] + options)
    expect(first.rc == 0, f"`exercise` (NFD) failed: {first.describe()}")
    second = ctx.run(["exercise", nfc] + options)
    expect(second.rc != 0 and "already exists" in second.err, f"`exercise` (NFC) did not find the attempt: {second.describe()}")
    files = os.listdir(ctx.path("attempts"))
    expect(len(files) == 1, f"attempt files: {files}")
    expect(files[0] == nfc + ".swift", f"the attempt file is {files[0]!r}, not the NFC name")
    with open(ctx.path("attempts", files[0]), "w") as handle:
        handle.write("let total = base + 5\n")
    check = ctx.run(["check", nfd] + options)
    expect(check.rc == 0, f"`check` (NFD) did not pass the right attempt: {check.describe()}")
    return f"one file, {files[0]!r}; check with either spelling"


@case("names", "`<!-- workbook: timeout inf -->` and friends: error at the directive's line")
def directive_timeouts(ctx):
    values = ["inf", "nan", "0", "-1", "86401", "1e999", "-inf", "0x10"]
    chapters = {}
    for number, value in enumerate(values, start=1):
        chapters[f"{number:02d}-limit.md"] = chapter(f"Limit {value}", ("prose", f"<!-- workbook: timeout {value} -->"),
                                                     ("swift", "let limitValue = 1"), ("expect", "limitValue == 1"))
    ctx.book(chapters)
    result = ctx.run(["verify", "chapters", "--force"], timeout=120)
    expect(result.rc == 1, f"verify passed: {result.describe()}")
    missing = []
    for number, value in enumerate(values, start=1):
        if value == "0x10":
            continue  # a hexadecimal 16 s is a finite limit; accepted or refused, either is fine
        location = f"chapters/{number:02d}-limit.md:3:"
        if not any(l.startswith(location) and "time limit" in l for l in result.out.splitlines()):
            missing.append(value)
    expect(not missing, f"no error at line 3 for timeout {missing}: {short(result.out)}")
    return f"{len(values) - 1} bad directives, each an error at line 3"


@case("names", "`verify --timeout inf` (and nan, 0, 1e999, 86401, -1) → exit 64")
def verify_timeout_flag(ctx):
    tiny_book(ctx)
    for value in ("inf", "nan", "0", "1e999", "86401", "-1", "-inf"):
        result = ctx.run(["verify", "chapters", f"--timeout={value}"], timeout=60)
        expect(result.rc == 64, f"--timeout {value}: {result.describe()}")
        expect("--timeout" in result.err, f"--timeout {value}: the message does not name the flag")
    return "7 values refused with 64"


@case("names", "`check --timeout inf` → exit 64")
def check_timeout_flag(ctx):
    exercise_setup(ctx)
    for value in ("inf", "nan", "0"):
        result = ctx.run(["check", "add-five", "--chapters", "chapters", "--exercises-folder", "attempts", f"--timeout={value}"], timeout=60)
        expect(result.rc == 64 and "--timeout" in result.err, f"--timeout {value}: {result.describe()}")
    return "3 values refused with 64"


@case("names", "`build --timeout inf` (and nan, 0, -1, 1e999, 86401) → exit 64, not a trap")
def build_timeout_flag(ctx):
    tiny_book(ctx)
    ctx.write("chapters/02-fresh.md", TINY.replace("tinySum", f"freshSum{os.getpid()}x{int(time.time())}"))
    for value in ("inf", "nan", "0", "-1", "1e999", "86401"):
        result = ctx.run(["build", "chapters", "--output", "site", f"--timeout={value}"], timeout=120)
        expect(result.rc == 64, f"--timeout {value}: {result.describe()}")
        expect("--timeout" in result.err, f"--timeout {value}: the message does not name the flag: {short(result.err)}")
    return "6 values refused with 64, like verify"


@case("names", "`new chapter` with a 300-character title says the name is too long")
def long_title(ctx):
    notes = []
    for label, title in (("ascii", "a" * 300), ("accented", "é" * 300), ("cjk", "日本" * 150)):
        folder = f"chapters-{label}"
        os.makedirs(ctx.path(folder))
        result = ctx.run(["new", "chapter", title, "--chapters", folder], timeout=30)
        expect(result.rc not in (0, None), f"{label}: accepted: {result.describe()}")
        expect("too long" in result.err, f"{label}: the message does not say too long: {short(result.err)}")
        expect(os.listdir(ctx.path(folder)) == [], f"{label}: wrote {os.listdir(ctx.path(folder))}")
        notes.append(label)
    return "refused (" + ", ".join(notes) + "): the name is too long"


# --------------------------------------------------------------------------------------------


def main():
    global BIN
    arguments = sys.argv[1:]
    only = []
    if "--only" in arguments:
        index = arguments.index("--only")
        only = arguments[index + 1:]
        arguments = arguments[:index]
    if "--list" in arguments:
        for group, name, _ in CASES:
            print(f"{group}: {name}")
        return 0
    BIN = os.path.abspath(arguments[0] if arguments else ".build-faults/debug/workbook")
    if not os.access(BIN, os.X_OK):
        print(f"no executable at {BIN}; build it with `swift build --scratch-path .build-faults`", file=sys.stderr)
        return 2
    if not (os.path.isfile(os.path.join(ROOT, "Package.swift")) and os.path.isdir(os.path.join(ROOT, "Sources", "Neural"))):
        print("run from the package root (the folder with Package.swift)", file=sys.stderr)
        return 2
    protected = {p: tree_snapshot(os.path.join(ROOT, p)) if os.path.isdir(os.path.join(ROOT, p)) else file_bytes(os.path.join(ROOT, p))
                 for p in ("chapters", "site", "README.md") if os.path.exists(os.path.join(ROOT, p))}
    started = time.time()
    warm = Ctx("warm-up")
    try:
        tiny_book(warm)
        result = warm.run(["verify", "chapters"], timeout=900)
        print(f"warm-up: verify of a tiny chapter exited {result.rc} in {result.seconds:.1f} s (builds the libraries if needed)")
    except Broken as error:
        print(f"warm-up: {error}")
    finally:
        warm.cleanup()
    held = broken = 0
    group_seen = None
    for group, name, function in CASES:
        if only and not any(o in f"{group} {name}" or o in function.__name__ for o in only):
            continue
        if group != group_seen:
            print(f"— {group}")
            group_seen = group
        ctx = Ctx(function.__name__)
        begin = time.time()
        try:
            reason = function(ctx) or "held"
            verdict = "HELD"
        except Broken as error:
            reason, verdict = str(error), "BROKEN"
        except Exception as error:  # a bug in the case itself
            reason, verdict = f"the case itself failed: {type(error).__name__}: {error}", "BROKEN"
        finally:
            ctx.cleanup()
        if ctx.killed_pids:
            reason += f" (killed stray pids {ctx.killed_pids})"
        if verdict == "HELD":
            held += 1
        else:
            broken += 1
        print(f"{verdict:6} {group}/{name} — {short(reason, 400)} [{time.time() - begin:.1f} s]", flush=True)
    for path, before in protected.items():
        full = os.path.join(ROOT, path)
        now = tree_snapshot(full) if os.path.isdir(full) else file_bytes(full)
        if now != before:
            # Not counted: the cases write only under their temporary folders, so a change here is
            # someone else's (an editor, another session) — but say so.
            print(f"note: the repository's {path} changed during the run (no case writes there)", flush=True)
    print(f"run time {time.time() - started:.0f} s")
    print(f"{held + broken} cases, {held} held, {broken} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
