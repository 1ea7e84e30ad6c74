"""Instructions the rewrite grader executes per 60-word reply, counted by valgrind's callgrind.

    python benchmarks/grader_instructions.py [--replies 300]

Wall-clock throughput (benchmarks/grader.py) moves by a fifth between identical
runs on a shared machine; an instruction count does not, so this is the figure
to compare two versions of the grader by. It grades the same seeded 60-word
replies as benchmarks/grader.py: 300 to warm the per-exercise caches, then
``--replies`` more, under callgrind, and once more with none after the warm-up;
the difference divided by ``--replies`` is the cost of one reply. Needs valgrind
(Debian's package); takes a minute or two.

Run with ``--grade N`` it is the child valgrind runs: it grades the warm-up and
then N replies.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

WARM = 300


def grade_replies(n: int) -> None:
    import grader as bench

    from quizzes.grading import Context, grade

    rubric, exercises = bench.load()
    rng = random.Random(7)
    contexts = [Context(customer=ex.get("customer", ""), key_facts=ex.get("key_facts") or []) for ex in exercises]
    for _ in range(WARM + n):
        i = rng.randrange(len(exercises))
        grade(bench.make_reply(exercises[i], 60, rng), rubric, contexts[i])


def instructions(n: int, out_dir: str) -> int:
    out = os.path.join(out_dir, f"callgrind.{n}")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                    "--grade", str(n)], check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    with open(out) as f:
        for line in f:
            m = re.match(r"(?:summary|totals): (\d+)", line)
            if m:
                return int(m.group(1))
    raise RuntimeError(f"no instruction total in {out}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replies", type=int, default=300)
    ap.add_argument("--grade", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.grade is not None:
        grade_replies(args.grade)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        with_replies, warm_only = pool.map(lambda n: instructions(n, tmp), (args.replies, 0))
    print(f"{(with_replies - warm_only) / args.replies / 1e6:.2f} M instructions per 60-word reply "
          f"({args.replies} replies after {WARM} warm-up ones, callgrind)")


if __name__ == "__main__":
    main()
