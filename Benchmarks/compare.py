#!/usr/bin/env python3
"""Runs the Swift training benchmark and the NumPy reference side by side on the same data,
alternating the two, and prints seconds per epoch, their ratio and peak memory.

    python3 Benchmarks/compare.py --binary .build-bench/release/training-benchmark [--rounds 3] [--epochs 3]

Each run trains the sources' MLP for --epochs epochs in one precision; its figure is the median
epoch. A round runs Swift and NumPy once each for every precision (NumPy once per entry of
--numpy-threads), rotating who goes first from round to round; the table reports the median over
rounds and the ratio Swift / NumPy for each NumPy thread count. Peak memory is the largest maximum
resident set size of a run (GNU time), the whole process included. Swift uses --threads OpenBLAS
threads (openblas_set_num_threads); NumPy gets OPENBLAS_NUM_THREADS. On a machine shared with
other work NumPy's bundled OpenBLAS can slow down badly with 2 threads, hence the 1-thread column.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command, threads):
    """Runs `command` under GNU time with `threads` BLAS threads; returns its RESULT fields."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    timed = ["/usr/bin/time", "-f", "MAXRSS_KB=%M"] + command
    done = subprocess.run(timed, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    result = re.search(r"^RESULT (.*)$", done.stdout, re.M)
    fields = dict(item.split("=", 1) for item in result.group(1).split())
    fields["peak_kb"] = int(re.search(r"MAXRSS_KB=(\d+)", done.stderr).group(1))
    fields["median"] = float(fields["median"])
    return fields


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build-bench/release/training-benchmark")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--precisions", default="double,float")
    parser.add_argument("--numpy-threads", default=None, help="comma-separated, default: --threads then 1")
    parser.add_argument("--data", default=os.environ.get("NEURAL_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    args = parser.parse_args()

    precisions = args.precisions.split(",")
    numpy_threads = [int(t) for t in (args.numpy_threads or f"{args.threads},1").split(",")]
    numpy_threads = list(dict.fromkeys(numpy_threads))
    impls = [("swift", args.threads)] + [("numpy", t) for t in numpy_threads]
    results = {(impl, p): [] for impl in impls for p in precisions}
    for round_index in range(args.rounds):
        for precision in precisions:
            common = ["--precision", precision, "--epochs", str(args.epochs), "--data", args.data]
            shift = round_index % len(impls)
            for impl in impls[shift:] + impls[:shift]:
                name, threads = impl
                if name == "swift":
                    command = [args.binary, *common, "--threads", str(threads)]
                else:
                    command = [sys.executable, os.path.join(HERE, "numpy_mlp.py"), *common]
                fields = run(command, threads)
                results[(impl, precision)].append(fields)
                print(f"round {round_index + 1} {name}/{threads}t {precision:6} epochs {fields['epochs']} s, "
                      f"median {fields['median']:.3f} s, test acc {fields['test_accuracy']}, "
                      f"peak {fields['peak_kb'] / 1024:.0f} MB", flush=True)

    print()
    print(f"{args.epochs} epochs per run, {args.rounds} rotating rounds; seconds per epoch (median), peak RSS")
    header = f"{'precision':9} {'swift ' + str(args.threads) + 't':>10}"
    for t in numpy_threads:
        header += f" {'numpy ' + str(t) + 't':>10} {'ratio':>6}"
    header += f" {'swift peak':>11} {'numpy peak':>11}"
    print(header)
    for precision in precisions:
        swift = statistics.median(r["median"] for r in results[(impls[0], precision)])
        line = f"{precision:9} {swift:10.3f}"
        numpy_peak = 0
        for t in numpy_threads:
            runs = results[(("numpy", t), precision)]
            numpy = statistics.median(r["median"] for r in runs)
            numpy_peak = max([numpy_peak] + [r["peak_kb"] / 1024 for r in runs])
            line += f" {numpy:10.3f} {swift / numpy:6.2f}"
        swift_peak = max(r["peak_kb"] for r in results[(impls[0], precision)]) / 1024
        line += f" {swift_peak:8.0f} MB {numpy_peak:8.0f} MB"
        print(line)


if __name__ == "__main__":
    main()
