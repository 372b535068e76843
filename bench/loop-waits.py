#!/usr/bin/env python3
"""Samples how long the watchdog's probe loops waited for a core (P2-truth's witness of starvation).

usage: loop-waits.py PID SECONDS [PERIOD_S=0.25] > waits.txt
Every PERIOD_S, for each thread of PID named dvc-probe-io-N, reads /proc/PID/task/TID/schedstat (nanoseconds on a
core, nanoseconds runnable but waiting on a run queue) and prints "EPOCH_S THREAD RAN_MS WAITED_MS" for the period
just ended. A probe loop that waited 60 ms in a quarter second was starved by the machine (no free core); one that
ran 60 ms was busy with its own work. Stops by itself after SECONDS, or when PID is gone.
"""
import os
import sys
import time

pid, seconds = int(sys.argv[1]), float(sys.argv[2])
period = float(sys.argv[3]) if len(sys.argv) > 3 else 0.25
last = {}
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except FileNotFoundError:
        break
    now = time.time()
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                name = f.read().strip()
            if not name.startswith("dvc-probe-io"):
                continue
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                ran, waited = (int(x) for x in f.read().split()[:2])
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if tid in last:
            print("%.3f %s %.3f %.3f" % (now, name, (ran - last[tid][0]) / 1e6, (waited - last[tid][1]) / 1e6))
        last[tid] = (ran, waited)
    sys.stdout.flush()
    time.sleep(period)
