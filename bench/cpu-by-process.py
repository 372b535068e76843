#!/usr/bin/env python3
"""Samples who had the cores, a quarter second at a time (P2-truth's witness of what starved the probe loops).

usage: cpu-by-process.py JVM_PID SECONDS [PERIOD_S=0.25] > cpu.txt
Every PERIOD_S reads the CPU time (user + system) of every process on the machine from /proc/PID/stat, and of
every thread of JVM_PID (the watchdog) from /proc/JVM_PID/task/TID/stat, and prints "EPOCH_S GROUP CPU_MS" for the
period just ended, one line per group that ran: the watchdog's threads by name (probe loops, event loops, workers,
GC, JIT, other), and other processes by command name (postgres, chromium, nginx, blackbox_exporter, tcpdump, ...;
a Python process by its script, "py:drive-blackbox"), this sampler included.
Stops by itself after SECONDS, or when JVM_PID is gone.
"""
import os
import re
import sys
import time

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")
JVM_GROUPS = [  # thread name prefix -> group, the first that matches
    ("dvc-probe-io", "jvm:probe-loops"),
    ("vert.x-eventloo", "jvm:event-loops"),  # a thread's comm is cut at 15 characters
    ("vert.x-worker", "jvm:workers"),
    ("vert.x-internal", "jvm:workers"),
    ("ZWorker", "jvm:gc"), ("ZDriver", "jvm:gc"), ("ZDirector", "jvm:gc"), ("ZStat", "jvm:gc"), ("GC ", "jvm:gc"),
    ("G1 ", "jvm:gc"), ("ZUnmapper", "jvm:gc"), ("ZUncommitter", "jvm:gc"),
    ("C1 ", "jvm:jit"), ("C2 ", "jvm:jit"),
    ("hz.", "jvm:hazelcast"),
    ("dvc-browser", "jvm:browser"),
]


def jvm_group(name):
    for prefix, group in JVM_GROUPS:
        if name.startswith(prefix):
            return group
    return "jvm:other"


def read_stat(path):
    """(comm, utime + stime in ticks) from a /proc stat file; comm may hold spaces and parentheses."""
    with open(path) as f:
        s = f.read()
    comm = s[s.index("(") + 1:s.rindex(")")]
    fields = s[s.rindex(")") + 2:].split()
    return comm, int(fields[11]) + int(fields[12])


NAMES = {}


def name(pid, comm):
    """The command name; for a Python process its script's (the bench's own helpers are told apart)."""
    key = (pid, comm)  # a process that execs another command is named anew (the browser starts through chrt, nice)
    if key not in NAMES:
        label = re.sub(r"[^A-Za-z0-9_.-]", "_", comm.split("/")[0]) or "?"
        if comm.startswith("python"):
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    args = f.read().split(b"\0")
                script = next((a.decode(errors="replace") for a in args[1:] if a.endswith(b".py")), None)
                if script:
                    label = "py:" + os.path.basename(script)[:-3]
            except (FileNotFoundError, ProcessLookupError):
                pass
        NAMES[key] = label
    return NAMES[key]


def sample(jvm):
    ticks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == jvm:
            continue
        try:
            comm, t = read_stat("/proc/%s/stat" % pid)
        except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
            continue
        ticks[("p", pid)] = (name(pid, comm), t)
    for tid in os.listdir("/proc/%d/task" % jvm):
        try:
            comm, t = read_stat("/proc/%d/task/%s/stat" % (jvm, tid))
        except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
            continue
        ticks[("t", tid)] = (jvm_group(comm), t)
    return ticks


def main():
    jvm, seconds = int(sys.argv[1]), float(sys.argv[2])
    period = float(sys.argv[3]) if len(sys.argv) > 3 else 0.25
    end = time.monotonic() + seconds
    last = None
    while time.monotonic() < end:
        try:
            now_ticks = sample(jvm)
        except FileNotFoundError:
            break
        now = time.time()
        if last is not None:
            spent = {}
            for key, (group, t) in now_ticks.items():
                before = last.get(key)
                ran = t - (before[1] if before else t)  # a process born in the period is counted from its next one
                if ran > 0:
                    spent[group] = spent.get(group, 0) + ran
            for group, ran in sorted(spent.items(), key=lambda kv: -kv[1]):
                print("%.3f %s %.0f" % (now, group, ran * TICK_MS))
            sys.stdout.flush()
        last = now_ticks
        time.sleep(period)


if __name__ == "__main__":
    main()
