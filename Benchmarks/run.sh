#!/usr/bin/env bash
# Builds the Swift training benchmark in release mode and compares it with the NumPy reference.
#   Benchmarks/run.sh [compare.py options, e.g. --rounds 5 --epochs 3 --precisions float]
# Needs: libopenblas-dev, dataset-fashion-mnist, time (apt) and numpy (pip).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build-bench}"
swift build -c release --scratch-path "$scratch" --product training-benchmark >&2
exec python3 Benchmarks/compare.py --binary "$scratch/release/training-benchmark" "$@"
