#!/usr/bin/env python3
"""Drives Prometheus blackbox_exporter at a fixed probe rate for a bounded time (P1's peer side).

usage: drive-blackbox.py EXPORTER_URL TARGETS_FILE RATE SECONDS
TARGETS_FILE: one "URL [HOSTNAME]" per line; HOSTNAME goes as the exporter's hostname parameter (Host header
and TLS server name), so that a URL with an IP address is still verified against the portal's name.
Prints: probes=<n> ok=<n> failed=<n>. Every request goes to loopback; the loop stops by itself.
"""
import sys, time, threading, urllib.request, urllib.parse
from concurrent.futures import ThreadPoolExecutor

exporter, targets_file, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
targets = [t.split() for t in open(targets_file) if t.strip()]
lock = threading.Lock()
count = {"ok": 0, "failed": 0}

def probe(target):
    url = exporter + "/probe?module=https_2xx&target=" + urllib.parse.quote(target[0], safe="")
    if len(target) > 1:
        url += "&hostname=" + urllib.parse.quote(target[1], safe="")
    try:
        body = urllib.request.urlopen(url, timeout=20).read().decode()
        ok = "\nprobe_success 1" in body
    except Exception:
        ok = False
    with lock:
        count["ok" if ok else "failed"] += 1

start = time.monotonic()
n = 0
with ThreadPoolExecutor(max_workers=256) as pool:
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(elapsed * rate)
        while n < due:
            pool.submit(probe, targets[n % len(targets)])
            n += 1
        time.sleep(0.005)
print(f"probes={n} ok={count['ok']} failed={count['failed']}")
