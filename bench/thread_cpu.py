#!/usr/bin/env python3
"""CPU time of one process by thread group, for the benchmarks' accounting.

  thread_cpu.py snapshot PID          prints "ticks<TAB>thread name" per live thread (/proc/PID/task/*/stat)
  thread_cpu.py diff BEFORE AFTER N   sums each group (the name with its numbers replaced by #, e.g.
                                      reactor-http-epoll-#, C2 CompilerThread#) between two snapshots and prints
                                      ms per handshake for N handshakes, largest first
Threads that end between the snapshots are lost, so the groups may sum to less than the process's own total.
"""
import collections
import os
import re
import sys


def snapshot(pid):
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        print(f"{task}\t{int(fields[11]) + int(fields[12])}\t{name}")


def read(path):
    with open(path) as f:
        return {task: (int(ticks), name) for task, ticks, name in (line.rstrip("\n").split("\t") for line in f)}


def diff(before, after, handshakes):
    ms_per_tick = 1000 / os.sysconf("SC_CLK_TCK")
    start = read(before)
    groups = collections.Counter()
    for task, (ticks, name) in read(after).items():
        groups[re.sub(r"\d+", "#", name)] += ticks - start.get(task, (0, name))[0]
    total = sum(groups.values())
    for name, ticks in groups.most_common():
        if ticks:
            print(f"    {ms_per_tick * ticks / handshakes:6.2f} ms  {100 * ticks / total:5.1f}%  {name}")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    else:
        diff(sys.argv[2], sys.argv[3], int(sys.argv[4]))
