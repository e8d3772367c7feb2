"""Reads `perf script` (call stacks, leaf first) of a SeedAnalyzers.Bench run; prints CPU ms per run for each analyzer's
callbacks (a sample counts for the outermost analyzer frame on its stack; the driver's dispatch around the callbacks is
nobody's). Samples taken while the JIT compiles are left out: the warm-up run pays them, and they say nothing of steady
cost. The compile's CPU is not given: the compiler binds on pool threads whose stacks do not say whose call it was."""
import collections
import re
import sys

runs = int(sys.argv[1])
analyzer = re.compile(r"\[(SeedAnalyzers\.Analyzers|Microsoft\.CodeAnalysis\.NetAnalyzers|SeedAnalyzers\.Bench)\] ([A-Za-z0-9_.]+?)(?:[+:<]|$)")
counts = collections.Counter()
stack = []
total = 0


def flush():
    if not stack or any("libclrjit" in frame or "PreStub" in frame for frame in stack):
        return
    outer = None
    for frame in stack:
        match = analyzer.search(frame)
        name = match.group(2).split(".")[-1] if match else ""
        if name.endswith("Analyzer") or name.startswith("DoNotUse"):
            outer = name
    if outer:
        counts[outer] += 1


for line in sys.stdin:
    if not line.strip():
        flush()
        stack = []
        continue
    if line[0] not in " \t":
        total += 1
        continue
    stack.append(line)
flush()

print(f"CPU ms per run ({total} samples of 1 ms over {runs} runs, JIT left out):")
seed = 0.0
for name, count in counts.most_common():
    per_run = count / runs
    print(f"{per_run:9.1f}  {name}")
    if not name.startswith("DoNotUse") and not name.startswith("Empty"):
        seed += per_run
print(f"{seed:9.1f}  all SEED analyzers")
