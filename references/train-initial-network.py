"""The first weights of the network `workbook train --seed 42` starts from, computed without the
project's code: SplitMix64 (Steele, Lea & Flood 2014) in Python integers, uniforms from the top 53
bits, Box-Muller with the sine kept as a spare for the next draw, He normal sigma = sqrt(2 / 784).
Backs Tests/NeuralTrainingTests/API/InitialNetworkTests.swift and chapter 12's initial-network check.
Run: python3 references/train-initial-network.py"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from workbook_reference import SeededGenerator

generator = SeededGenerator(42)
sigma = math.sqrt(2 / 784)
# W1 is 784 x 256, filled row by row: W1[0, 0], W1[0, 1], W1[0, 2].
print("first weights of W1 (seed 42, He normal):", [repr(generator.gaussian() * sigma) for _ in range(3)])
