#!/usr/bin/env python3
"""Times two commands in turn, RUNS times each (after one warm-up run of each), and prints
the median wall time of each and their ratio. Taking turns, rather than all runs of one
command and then all of the other (as hyperfine does), puts both through the same slow and
fast minutes of a shared machine, so their ratio is steadier than either time.

usage: interleave.py LABEL THREADS RUNS 'COMMAND A' 'COMMAND B'
Output: one row of bench/run.sh's table (LABEL, THREADS, median A, median B, A / B).
"""

import os
import shlex
import statistics
import sys
import time


def wall(argv):
    """Wall time of one run of argv, its output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    return elapsed


def main():
    label, threads, runs, a, b = sys.argv[1:6]
    a, b = shlex.split(a), shlex.split(b)
    wall(a)
    wall(b)
    times_a, times_b = [], []
    for _ in range(int(runs)):
        times_a.append(wall(a))
        times_b.append(wall(b))
    ma, mb = statistics.median(times_a), statistics.median(times_b)
    print(f"{label:<8} {threads:<7} {ma:12.3f} {mb:12.3f} {ma / mb:7.2f}x")


if __name__ == "__main__":
    main()
