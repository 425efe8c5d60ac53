"""The first weights of the network `workbook train --seed 42` starts from, computed without the
project's code: SplitMix64 (Steele, Lea & Flood 2014) in Python integers, uniforms from the top 53
bits, Box-Muller with the sine kept as a spare for the next draw, He normal sigma = sqrt(2 / 784).
Backs Tests/NeuralTrainingTests/InitialNetworkTests.swift and chapter 12's initial-network check.
Run: python3 references/train-initial-network.py"""
import math

MASK = (1 << 64) - 1


class SplitMix64Gaussian:
    def __init__(self, seed):
        self.state = seed
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0**-53

    def gaussian(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        radius = math.sqrt(-2 * math.log(u1))
        self.spare = radius * math.sin(2 * math.pi * u2)
        return radius * math.cos(2 * math.pi * u2)


generator = SplitMix64Gaussian(42)
sigma = math.sqrt(2 / 784)
# W1 is 784 x 256, filled row by row: W1[0, 0], W1[0, 1], W1[0, 2].
print("first weights of W1 (seed 42, He normal):", [repr(generator.gaussian() * sigma) for _ in range(3)])
