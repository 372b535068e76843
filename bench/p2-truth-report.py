#!/usr/bin/env python3
"""P2-truth's report: TTFB error per tool, first two minutes and steady state, with the server's share.

usage: p2-truth-report.py DELAYS DVC BLACKBOX NGINX_LOG GC_LOG DVC_LOG [BROWSER_RUNS [WIRE [LOOP_WAITS [CPU]]]]
DELAYS:    "HOST DELAY_MS" per portal (what the upstream was told to wait)
DVC:       "HOST START_EPOCH_S TTFB_MS|- UP(1/0) PATH [WARMUP(1/0)]" per dvc-watch probe (from its probe_result
           table; warm-up results, docs/SCORING.md, are reported in all rows and again without them)
BLACKBOX:  "START_EPOCH_S HOST TTFB_MS|- OK(1/0) PATH" per blackbox_exporter probe (drive-blackbox.py's record)
NGINX_LOG: "$msec $host $request_time $upstream_header_time "$http_user_agent" $uri" per request
GC_LOG:    dvc-watch's -Xlog:gc,safepoint with utctime,uptime decorations
DVC_LOG:   dvc-watch's log (blocked-thread warnings of its probe loops are counted)
WIRE:      "TOOL HOST CLIENT_HELLO_EPOCH_S WIRE_TTFB_MS" per connection (bench/wire-ttfb.py on a capture of loopback:
           the server's first answer packet - the client's request packet, as the kernel stamped them)
LOOP_WAITS: "EPOCH_S THREAD RAN_MS WAITED_MS" per probe loop and quarter second (bench/loop-waits.py: the kernel's
           schedstat, time on a core and time runnable but waiting for one)
CPU:       "EPOCH_S GROUP CPU_MS" per quarter second (bench/cpu-by-process.py: every process by name, the watchdog's
           threads by kind)
BROWSER_RUNS: "START_EPOCH_S WALL_MS" per page load of the watchdog's browser room (headless Chromium, which shares
           the machine): each tool's own error is also given during a load and outside, and worst probes taken
           during one are marked "B"
Error = measured TTFB - injected delay, in ms. Windows start at each tool's own first probe.
Wire error = measured TTFB - the TTFB on the wire for that very connection: the tool's own error and nothing else
(the server's delays, nginx's included, are in both terms). This is the truth the targets are read against.
Own error = measured TTFB - what nginx itself waited for the upstream on that very request (matched by tool,
host, path and time): the part of the error that is the tool's, without the upstream's own jitter, which both
tools share and which a busy machine makes large.
"""
import bisect
import datetime
import re
import sys

FIRST = 120.0  # seconds: "the first two minutes"


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))  # nearest rank
    return s[k]


def fmt(v):
    return "-" if v is None else "%.1f" % v


def windows(samples, t0):
    """The samples (each a tuple, its time first) of the first two minutes after t0, and of the steady state."""
    return [("first 2 min", [x for x in samples if x[0] - t0 < FIRST]),
            ("steady", [x for x in samples if x[0] - t0 >= FIRST])]


def rows(samples, t0):
    """The values of (time, value) samples, per window."""
    return [(window, [x[1] for x in inside]) for window, inside in windows(samples, t0)]


def worst(samples, n=8):
    """The n (time, value) samples with the largest values, in time order."""
    return sorted(sorted(samples, key=lambda x: -x[1])[:n])


delays = {}
for line in open(sys.argv[1]):
    host, d = line.split()
    delays[host] = float(d)

failed = {}
not_ok = {}


def probes(path, name, time_col, host_col):
    """(start, error) per probe of one tool; probes without a TTFB are counted as failed, not-UP ones apart."""
    out = []
    for line in open(path):
        f = line.split()
        if len(f) < 4 or f[host_col] not in delays:
            continue
        if f[3] != "1":
            not_ok[name] = not_ok.get(name, 0) + 1
        if f[2] == "-":
            failed[name] = failed.get(name, 0) + 1
            continue
        path = f[4] if len(f) > 4 else "/"
        warm = len(f) > 5 and f[5] == "1"
        out.append((float(f[time_col]), float(f[2]) - delays[f[host_col]], f[host_col], path, float(f[2]), warm))
    return out


tools = {"dvc-watch": probes(sys.argv[2], "dvc-watch", 1, 0),
         "blackbox_exporter": probes(sys.argv[3], "blackbox_exporter", 0, 1)}
t0 = {name: min(p[0] for p in s) for name, s in tools.items() if s}

# The server's share: how much longer than the delay nginx waited for the upstream, per tool's requests.
server = {"dvc-watch": [], "blackbox_exporter": []}
waited = {}  # (tool, host, path) -> sorted [(request start, ms nginx waited for the upstream)]
for line in open(sys.argv[4]):
    m = re.match(r'(\S+) (\S+) (\S+) (\S+) "(.*)"(?: (\S+))?', line)
    if not m or m.group(2) not in delays or m.group(4) == "-":
        continue
    name = "blackbox_exporter" if "blackbox" in m.group(5).lower() else (
        "dvc-watch" if "dvc" in m.group(5).lower() else None)
    if name is None or name not in t0:
        continue
    start = float(m.group(1)) - float(m.group(3))
    upstream_ms = float(m.group(4).split(",")[-1]) * 1000
    server[name].append((start, upstream_ms - delays[m.group(2)]))
    waited.setdefault((name, m.group(2), m.group(6) or "/"), []).append((start, upstream_ms))
for v in waited.values():
    v.sort()


def own_errors(name):
    """(start, TTFB - nginx's upstream wait) for each probe matched to its request in nginx's log."""
    out = []
    for start, _, host, path, ttfb, warm in tools[name]:
        reqs = waited.get((name, host, path), [])
        i = bisect.bisect_left(reqs, (start - 0.001,))
        if i < len(reqs) and reqs[i][0] - start < 5.0:   # nginx reads the request after connect and handshake
            out.append((start, ttfb - reqs[i][1], warm))
    return out

print("%-18s %-12s %8s %8s %8s %8s   %s" % ("tool", "window", "probes", "p50", "p99", "worst",
                                             "server's share (nginx waited - delay): p50 / p99 / worst"))
for name in ("dvc-watch", "blackbox_exporter"):
    if name not in t0:
        print("%-18s no probe with a TTFB" % name)
        continue
    srv = dict(rows(server[name], t0[name]))
    own_all = own_errors(name)
    own = dict(rows([(o[0], o[1]) for o in own_all], t0[name]))
    for window, errors in rows([(p[0], p[1]) for p in tools[name]], t0[name]):
        s = srv.get(window, [])
        print("%-18s %-12s %8d %8s %8s %8s   %s / %s / %s" % (
            name, window, len(errors), fmt(pct(errors, 50)), fmt(pct(errors, 99)), fmt(max(errors) if errors else None),
            fmt(pct(s, 50)), fmt(pct(s, 99)), fmt(max(s) if s else None)))
    for window, errors in own.items():
        print("%-18s %-12s %8d %8s %8s %8s   own error: TTFB - nginx's wait for that request" % (
            name, window, len(errors), fmt(pct(errors, 50)), fmt(pct(errors, 99)), fmt(max(errors) if errors else None)))
    warm = sum(1 for p in tools[name] if p[5])
    if warm:
        # What the scoring windows see (docs/SCORING.md, "Warm-up"): the same probes without the warm-up ones.
        steady_errors = rows([(p[0], p[1]) for p in tools[name] if not p[5]], t0[name])
        steady_own = dict(rows([(o[0], o[1]) for o in own_all if not o[2]], t0[name]))
        for window, errors in steady_errors:
            o = steady_own.get(window, [])
            print("%-18s %-12s %8d %8s %8s %8s   without warm-up; own error p50 / p99 / worst %s / %s / %s" % (
                name, window, len(errors), fmt(pct(errors, 50)), fmt(pct(errors, 99)),
                fmt(max(errors) if errors else None), fmt(pct(o, 50)), fmt(pct(o, 99)), fmt(max(o) if o else None)))
        print("%-18s %d probes marked warm-up (counted in the rows above, left out of these)" % (name, warm))
    if failed.get(name):
        print("%-18s %d probes without a TTFB (failed before the first byte)" % (name, failed[name]))
    if not_ok.get(name):
        print("%-18s %d probes not UP / not successful (a refused certificate would show here)" % (name, not_ok[name]))

# The watchdog's browser room: Chromium's page loads, [start, end] in epoch seconds (a second of margin after each
# for its teardown), sorted, to tell whether a probe ran while one loaded.
loads = []
if len(sys.argv) > 7:
    for line in open(sys.argv[7]):
        f = line.split()
        if len(f) >= 2:
            loads.append((float(f[0]), float(f[0]) + float(f[1]) / 1000 + 1.0))
    loads.sort()


def loading(t):
    i = bisect.bisect_right(loads, (t, float("inf"))) - 1
    return any(s <= t <= e for s, e in loads[max(0, i - 3):i + 1])


# When the large errors happened: own error per 10-second slice of the first two minutes, and the worst probes
# with their time since the tool's first probe (a start-up burst, JIT or a pause shows as a cluster in time).
for name in ("dvc-watch", "blackbox_exporter"):
    if name not in t0:
        continue
    own = [(o[0], o[1]) for o in own_errors(name)]  # (start, own error); the warm-up mark is not needed here
    slices = {}
    for t, e in own:
        if t - t0[name] < FIRST:
            slices.setdefault(int((t - t0[name]) // 10), []).append(e)
    print("%s own error by 10 s slice of the first two minutes (from its first probe): %s" % (name, "; ".join(
        "%d-%ds n=%d p99 %s worst %s" % (10 * k, 10 * k + 10, len(v), fmt(pct(v, 99)), fmt(max(v)))
        for k, v in sorted(slices.items()))))
    for window, inside in windows(own, t0[name]):
        print("%s worst own errors, %s (s after its first probe: ms%s): %s" % (
            name, window, ", B: during a browser load" if loads else "", ", ".join(
                "%.1f: %.0f%s" % (t - t0[name], e, " B" if loading(t) else "") for t, e in worst(inside))))
    if loads:
        for window, inside in windows(own, t0[name]):
            during = [e for t, e in inside if loading(t)]
            outside = [e for t, e in inside if not loading(t)]
            print("%s own error, %s, during a browser load: n=%d p99 %s worst %s; outside: n=%d p99 %s worst %s" % (
                name, window, len(during), fmt(pct(during, 99)), fmt(max(during) if during else None),
                len(outside), fmt(pct(outside, 99)), fmt(max(outside) if outside else None)))

# Stop-the-world pauses of the watchdog in the same windows (every thread stops, the probe loops included):
# the safepoint log covers every collector (ZGC logs no "Pause" at gc level) and the non-GC safepoints too.
pauses = []
for line in open(sys.argv[5]):
    m = re.match(r'\[(\d{4}-\d\d-\d\dT[\d:.]+)([+-]\d{4})\].*Safepoint "([^"]+)".* Total: (\d+) ns', line.strip())
    if m:
        when = datetime.datetime.strptime(m.group(1) + m.group(2), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
        pauses.append((when, int(m.group(4)) / 1e6))
if "dvc-watch" in t0:
    for window, ms in rows(pauses, t0["dvc-watch"]):
        print("dvc-watch stop-the-world pauses (safepoints), %s: %d, %.0f ms in all, longest %s ms" % (
            window, len(ms), sum(ms), fmt(max(ms) if ms else None)))
blocked = sum(1 for line in open(sys.argv[6], errors="replace") if "dvc-probe-io" in line and "blocked" in line)
print("dvc-watch probe-loop warnings of Vert.x's blocked-thread checker (a Vert.x task over 50 ms; blind to a hop's"
      " own handlers): %d" % blocked)
# The probe loops' own ticks (probe.ProbeIo): once a minute, each loop that ran over 50 ms late says by how much,
# whatever held it (a hop's work, a pause, no free core).
late = [int(m.group(1)) for line in open(sys.argv[6], errors="replace")
        for m in [re.search(r"probe loop \S+ ran up to (\d+) ms late", line)] if m]
print("dvc-watch probe loops late by over 50 ms: %d minute reports, longest %s ms" % (
    len(late), max(late) if late else "-"))


# The wire: each probe against its own connection's TTFB as the kernel saw it on loopback.
def wire_errors(name):
    """(start, TTFB - wire TTFB, warm-up mark, wire TTFB) per probe matched to its connection: per host, the tool's
    probes and its connections in time order, each probe taking the first unused connection that began at most
    5 s after it (a probe starts, then resolves, connects and says hello)."""
    out = []
    by_host = {}
    for tool, host, hello, ms in wire:
        if tool == name:
            by_host.setdefault(host, []).append((hello, ms))
    for v in by_host.values():
        v.sort()
    used = {}
    for start, _, host, path, ttfb, warm in sorted(tools[name]):
        flows = by_host.get(host, [])
        i = max(bisect.bisect_left(flows, (start - 0.005,)), used.get(host, 0))
        if i < len(flows) and flows[i][0] - start < 5.0:
            used[host] = i + 1
            out.append((start, ttfb - flows[i][1], warm, flows[i][1]))
    return out


wire = []
if len(sys.argv) > 8:
    for line in open(sys.argv[8]):
        f = line.split()
        if len(f) == 4:
            wire.append((f[0], f[1], float(f[2]), float(f[3])))
wire_by_tool = {name: wire_errors(name) for name in t0} if wire else {}
if wire:
    print("wire error = the tool's TTFB - the same connection's TTFB on the wire (request packet to the server's first"
          " answer packet, stamped by the kernel): the tool's own error, the server's delays taken out")
    for name in ("dvc-watch", "blackbox_exporter"):
        if name not in t0:
            continue
        we = wire_by_tool[name]
        sets = [("", we)]
        if any(w[2] for w in we):
            sets.append((", warm-up-marked left out", [w for w in we if not w[2]]))
        for label, items in sets:
            for window, errors in rows([(w[0], w[1]) for w in items], t0[name]):
                print("%-18s %-12s %8d %8s %8s %8s   wire error%s (of %d probes with a TTFB)" % (
                    name, window, len(errors), fmt(pct(errors, 50)), fmt(pct(errors, 99)),
                    fmt(max(errors) if errors else None), label, len(tools[name])))
        for window, inside in windows([(w[0], w[1]) for w in we], t0[name]):
            print("%s worst wire errors, %s (s after its first probe: ms%s): %s" % (
                name, window, ", B: during a browser load" if loads else "", ", ".join(
                    "%.1f: %.0f%s" % (t - t0[name], e, " B" if loading(t) else "") for t, e in worst(inside))))
        lows = [w[1] for w in we if w[1] < -5]
        if lows:
            print("%s: %d probes reported a TTFB over 5 ms shorter than the wire's (lowest %.1f ms)" % (
                name, len(lows), min(lows)))


# The probe loops' quarter seconds: time on a core (their own work) and time waiting for one (the machine's).
waits = []
if len(sys.argv) > 9:
    for line in open(sys.argv[9]):
        f = line.split()
        if len(f) == 4:
            waits.append((float(f[0]), f[1], float(f[2]), float(f[3])))
if waits and "dvc-watch" in t0:
    waits.sort()
    times = [w[0] for w in waits]

    def around(t):
        """The largest wait and run of a probe loop in the quarter second that held t (and the one after)."""
        i = bisect.bisect_left(times, t)
        near = waits[max(0, i - 2):i + 4]
        near = [w for w in near if t - 0.3 <= w[0] <= t + 0.55]
        return (max((w[3] for w in near), default=0.0), max((w[2] for w in near), default=0.0))

    for window, inside in windows(waits, t0["dvc-watch"]):
        if not inside:
            continue
        wait = [w[3] for w in inside]
        ran = [w[2] for w in inside]
        print("dvc-watch probe loops, %s, per quarter second: waited for a core p50 %s / p99 %s / max %s ms; ran on"
              " one p50 %s / p99 %s / max %s ms" % (window, fmt(pct(wait, 50)), fmt(pct(wait, 99)), fmt(max(wait)),
                                                     fmt(pct(ran, 50)), fmt(pct(ran, 99)), fmt(max(ran))))
    if wire:
        for window, inside in windows([(w[0], w[1]) for w in wire_by_tool["dvc-watch"]], t0["dvc-watch"]):
            print("dvc-watch worst wire errors, %s, with the probe loops' largest wait / run around them (ms): %s" % (
                window, ", ".join("%.1f s: %.0f (waited %.0f, ran %.0f)" % ((t - t0["dvc-watch"], e) + around(t + e / 2000))
                                  for t, e in worst(inside))))


# Who had the cores, a quarter second at a time (bench/cpu-by-process.py): the whole machine's CPU by process, and
# the watchdog's own threads by kind, so that a probe loop's wait has a name.
cpu = []
if len(sys.argv) > 10:
    for line in open(sys.argv[10]):
        f = line.split()
        if len(f) == 3:
            cpu.append((float(f[0]), f[1], float(f[2])))
if cpu and "dvc-watch" in t0:
    cpu.sort()
    stamps = sorted({c[0] for c in cpu})
    for window, inside in windows([(c[0], (c[1], c[2])) for c in cpu], t0["dvc-watch"]):
        periods = sorted({t for t, _ in inside})
        if len(periods) < 2:
            continue
        seconds = periods[-1] - periods[0]
        total = {}
        for t, (group, ms) in inside:
            if t > periods[0]:
                total[group] = total.get(group, 0.0) + ms
        print("machine's cores by whom, %s (cores, mean over %.0f s): %s" % (window, seconds, ", ".join(
            "%s %.2f" % (g, ms / 1000 / seconds) for g, ms in sorted(total.items(), key=lambda kv: -kv[1])[:10])))

    def cores_at(t):
        """The top users of the quarter second that held t: group and the share of the two cores (ms)."""
        i = bisect.bisect_left(stamps, t)
        if i >= len(stamps):
            return ""
        end = stamps[i]
        spent = sorted(((ms, g) for s, g, ms in cpu if s == end), reverse=True)[:4]
        return ", ".join("%s %.0f" % (g, ms) for ms, g in spent)

    if wire:
        scored = [(w[0], w[1]) for w in wire_by_tool["dvc-watch"] if not w[2]]
        print("dvc-watch worst wire errors, first 2 min, warm-up-marked left out, with who ran (CPU ms): %s" % (
            "; ".join("%.1f s: %.0f (%s)" % (t - t0["dvc-watch"], e, cores_at(t + e / 2000))
                      for t, e in worst(windows(scored, t0["dvc-watch"])[0][1], 5))))
        for window, inside in windows([(w[0], w[1]) for w in wire_by_tool["dvc-watch"]], t0["dvc-watch"]):
            print("dvc-watch worst wire errors, %s, with who ran in that quarter second (CPU ms): %s" % (
                window, "; ".join("%.1f s: %.0f (%s)" % (t - t0["dvc-watch"], e, cores_at(t + e / 2000))
                                  for t, e in worst(inside, 5))))
