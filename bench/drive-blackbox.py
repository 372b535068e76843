#!/usr/bin/env python3
"""Drives Prometheus blackbox_exporter at a fixed probe rate for a bounded time (the peer side of P1 and P2).

usage: drive-blackbox.py EXPORTER_URL TARGETS_FILE RATE SECONDS [RECORD_FILE]
TARGETS_FILE: one "URL [HOSTNAME]" per line; HOSTNAME goes as the exporter's hostname parameter (Host header
and TLS server name), so that a URL with an IP address is still verified against the portal's name.
Probes are spread evenly over time (RATE per second), targets taken in turn.
RECORD_FILE: one line per probe, "START_EPOCH_S HOSTNAME TTFB_MS OK PATH", where TTFB_MS is the exporter's own
probe_http_duration_seconds{phase="processing"} (request written to first response byte) in ms, "-" when
the probe got no answer.
Prints: probes=<n> ok=<n> failed=<n>. Every request goes to loopback; the loop stops by itself.
"""
import re, sys, time, threading, urllib.request, urllib.parse
from concurrent.futures import ThreadPoolExecutor

exporter, targets_file, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
record = open(sys.argv[5], "w") if len(sys.argv) > 5 else None
targets = [t.split() for t in open(targets_file) if t.strip()]
lock = threading.Lock()
count = {"ok": 0, "failed": 0}
PROCESSING = re.compile(r'^probe_http_duration_seconds\{phase="processing"\} (\S+)$', re.M)

def probe(target):
    url = exporter + "/probe?module=https_2xx&target=" + urllib.parse.quote(target[0], safe="")
    if len(target) > 1:
        url += "&hostname=" + urllib.parse.quote(target[1], safe="")
    started = time.time()
    ttfb = "-"
    try:
        body = urllib.request.urlopen(url, timeout=20).read().decode()
        ok = "\nprobe_success 1" in body
        m = PROCESSING.search(body)
        if m and float(m.group(1)) > 0:
            ttfb = "%.3f" % (float(m.group(1)) * 1000)
    except Exception:
        ok = False
    with lock:
        count["ok" if ok else "failed"] += 1
        if record:
            host = target[1] if len(target) > 1 else urllib.parse.urlsplit(target[0]).hostname
            record.write("%.3f %s %s %d %s\n" % (started, host, ttfb, ok, urllib.parse.urlsplit(target[0]).path or "/"))

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
if record:
    record.close()
print(f"probes={n} ok={count['ok']} failed={count['failed']}")
