#!/usr/bin/env python3
"""Runs the Swift training benchmark and a reference side by side on the same data,
alternating the two, and prints seconds per epoch, their ratio and peak memory.

    python3 Benchmarks/compare.py --binary .build-bench/release/training-benchmark [--rounds 3] [--epochs 3]
    python3 Benchmarks/compare.py --model cnn [--rounds 3] [--epochs 2]

With --model mlp (the default) the reference is NumPy (numpy_mlp.py), with --model cnn it is
PyTorch on the CPU (torch_cnn.py: source 004's SimpleCNN, Adam 1e-3, batch 64, float32, the
same thread count); the CNN table also gives the fraction of the machine's FMA peak each side
reaches, and of what one large float32 matrix product reaches on the same threads (measured in
the same run), from the workload's arithmetic (923.8 GFLOP per 60,000-image epoch: the forward pass,
every layer's weight gradient and every input gradient but the first convolution's; see
cnn_gflop_per_epoch) and --peak-gflops.

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


def cnn_gflop_per_epoch(images=60_000):
    """The SimpleCNN's arithmetic per epoch: multiply-adds of the forward pass, of every layer's
    weight gradient and of every input gradient but the first convolution's; 2 flops each."""
    conv1 = 26 * 26 * 32 * (1 * 3 * 3)
    conv2 = 11 * 11 * 64 * (32 * 3 * 3)
    fc1 = 1600 * 128
    fc2 = 128 * 10
    forward = conv1 + conv2 + fc1 + fc2
    backward = conv1 + 2 * (conv2 + fc1 + fc2)
    return 2 * (forward + backward) * images / 1e9


CNN_GFLOP_PER_EPOCH = cnn_gflop_per_epoch()


GEMM_PROBE = """
import time, numpy as np
a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
a @ a
start = time.perf_counter()
for _ in range(5):
    a @ a
print(5 * 2 * 2048 ** 3 / (time.perf_counter() - start) / 1e9)
"""


def measured_gemm_gflops(threads):
    """What one large float32 product (2048 x 2048, NumPy's OpenBLAS) reaches with `threads`
    threads: the machine's attainable peak, next to the nominal --peak-gflops."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    done = subprocess.run([sys.executable, "-c", GEMM_PROBE], env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


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
    parser.add_argument("--numpy-threads", default=None, help="comma-separated, default: --threads then 1 (mlp), --threads (cnn)")
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    parser.add_argument("--peak-gflops", type=float, default=205.0,
                        help="the machine's FMA peak in GFLOP/s for the precision (default 205: the issue's figure, 2 cores x 2 FMA units x 8 float lanes x 2 flops x 3.2 GHz, an AVX2 count; AVX-512 doubles the lanes)")
    parser.add_argument("--data", default=os.environ.get("NEURAL_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    args = parser.parse_args()

    cnn = args.model == "cnn"
    reference = "torch" if cnn else "numpy"
    precisions = ["float"] if cnn else args.precisions.split(",")
    default_threads = f"{args.threads}" if cnn else f"{args.threads},1"
    numpy_threads = [int(t) for t in (args.numpy_threads or default_threads).split(",")]
    numpy_threads = list(dict.fromkeys(numpy_threads))
    impls = [("swift", args.threads)] + [(reference, t) for t in numpy_threads]
    results = {(impl, p): [] for impl in impls for p in precisions}
    for round_index in range(args.rounds):
        for precision in precisions:
            common = ["--precision", precision, "--epochs", str(args.epochs), "--data", args.data]
            shift = round_index % len(impls)
            for impl in impls[shift:] + impls[:shift]:
                name, threads = impl
                if name == "swift":
                    command = [args.binary, *common, "--threads", str(threads), "--model", args.model]
                elif cnn:
                    command = [sys.executable, os.path.join(HERE, "torch_cnn.py"), *common, "--threads", str(threads)]
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
        header += f" {reference + ' ' + str(t) + 't':>10} {'ratio':>6}"
    header += f" {'swift peak':>11} {reference + ' peak':>11}"
    print(header)
    for precision in precisions:
        swift = statistics.median(r["median"] for r in results[(impls[0], precision)])
        line = f"{precision:9} {swift:10.3f}"
        numpy_peak = 0
        for t in numpy_threads:
            runs = results[((reference, t), precision)]
            numpy = statistics.median(r["median"] for r in runs)
            numpy_peak = max([numpy_peak] + [r["peak_kb"] / 1024 for r in runs])
            line += f" {numpy:10.3f} {swift / numpy:6.2f}"
        swift_peak = max(r["peak_kb"] for r in results[(impls[0], precision)]) / 1024
        line += f" {swift_peak:8.0f} MB {numpy_peak:8.0f} MB"
        print(line)
    if cnn:
        gflop = CNN_GFLOP_PER_EPOCH
        swift = statistics.median(r["median"] for r in results[(impls[0], "float")])
        gemm = measured_gemm_gflops(args.threads)
        print(f"\nCNN epoch = {gflop:.1f} GFLOP; nominal peak {args.peak_gflops:.0f} GFLOP/s; "
              f"a 2048^3 float32 product reaches {gemm:.0f} GFLOP/s on {args.threads} threads")
        print(f"swift {args.threads}t: {gflop / swift:6.1f} GFLOP/s = {gflop / swift / args.peak_gflops:5.1%} of nominal peak, "
              f"{gflop / swift / gemm:5.1%} of the product's rate")
        for t in numpy_threads:
            ref = statistics.median(r["median"] for r in results[((reference, t), "float")])
            print(f"{reference} {t}t: {gflop / ref:6.1f} GFLOP/s = {gflop / ref / args.peak_gflops:5.1%} of nominal peak, "
                  f"{gflop / ref / gemm:5.1%} of the product's rate")


if __name__ == "__main__":
    main()
