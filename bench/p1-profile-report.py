#!/usr/bin/env python3
"""P1-profile's report: JFR samples and sampled allocation of a window, per probe of that window.

usage: jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.ObjectAllocationSample REC.jfr \
         | p1-profile-report.py PROBES
PROBES: probes completed in the recorded window. Prints CPU samples per 1,000 probes by thread group, by what
the stack was doing (the first matching activity below, looked for anywhere in the stack), the top methods
(the frame on top of the stack), then the sampled allocation per probe (the samples' weights, JFR's estimate
of the bytes allocated) with its top allocating stacks. JFR samples Java code only: time inside native code
(BoringSSL, the JVM's collector and compiler) is not in these counts (p1-profile.sh PERF=1 shows it).
"""
import collections
import json
import sys

probes = int(sys.argv[1])
events = json.load(sys.stdin)["recording"]["events"]

# What a stack is doing, in order of precedence: the first pattern found anywhere in the stack names it.
ACTIVITIES = [
    ("page checks (jsoup)", ("vn.dvcwatch.probe.PageInspector", "org.jsoup.")),
    ("page cache checksum", ("vn.dvcwatch.probe.PageCache",)),
    ("certificate judgement", ("vn.dvcwatch.probe.CertificateJudge",)),
    ("chain trust", ("vn.dvcwatch.probe.ChainTrust",)),
    ("body decoding", ("vn.dvcwatch.probe.BodyDecoder",)),
    ("header posture", ("vn.dvcwatch.probe.HeaderInspector",)),
    ("legacy TLS / side checks", ("vn.dvcwatch.probe.LegacyTlsCheck", "vn.dvcwatch.probe.PerHostCache")),
    ("store (PostgreSQL)", ("vn.dvcwatch.store.", "io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("grading", ("vn.dvcwatch.grade.",)),
    ("status", ("vn.dvcwatch.status.",)),
    ("metrics", ("vn.dvcwatch.metrics.", "io.prometheus.", "io.micrometer.")),
    ("web / SSE", ("vn.dvcwatch.web.", "io.vertx.ext.web.")),
    ("probe pipeline (app)", ("vn.dvcwatch.app.",)),
    ("scheduler", ("vn.dvcwatch.probe.ProbeScheduler",)),
    ("TLS handshake / records (Netty, JDK)", ("io.netty.handler.ssl.", "sun.security.ssl.", "javax.net.ssl.")),
    ("certificates (JDK X.509)", ("sun.security.x509.", "sun.security.provider.certpath.", "java.security.cert.")),
    ("HTTP codec", ("io.netty.handler.codec.",)),
    ("DNS / names", ("vn.dvcwatch.probe.NameResolver", "io.vertx.core.dns.", "io.netty.resolver.")),
    ("hop (probe connection)", ("vn.dvcwatch.probe.Hop", "vn.dvcwatch.probe.Prober")),
    ("socket I/O (Netty)", ("io.netty.channel.",)),
    ("Vert.x core", ("io.vertx.core.",)),
]


def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames") or []:
        m = f.get("method") or {}
        t = (m.get("type") or {}).get("name", "?")
        out.append(t.replace("/", ".") + "." + m.get("name", "?"))
    return out


def activity(fs):
    for name, patterns in ACTIVITIES:
        if any(f.startswith(p) for f in fs for p in patterns):
            return name
    return "other"


def thread_group(ev):
    t = ev["values"].get("sampledThread") or ev["values"].get("eventThread") or {}
    name = t.get("javaName") or t.get("osName") or "?"
    for prefix, group in (("dvc-probe-io", "probe loops (dvc-probe-io-N)"),
                          ("vert.x-eventloop", "watchdog loops (vert.x-eventloop)"),
                          ("vert.x-worker", "workers (vert.x-worker)"),
                          ("vert.x-internal-blocking", "internal blocking")):
        if name.startswith(prefix):
            return group
    return name.rstrip("0123456789-") or name


def per_k(n):
    return 1000.0 * n / probes if probes else float("nan")


cpu = [e for e in events if e["type"] == "jdk.ExecutionSample"]
alloc = [e for e in events if e["type"] == "jdk.ObjectAllocationSample"]
print("%d probes in the window; %d CPU samples = %.1f per 1,000 probes" % (probes, len(cpu), per_k(len(cpu))))


def table(title, counter, total, limit=None, fmt=lambda k, n: "%7.1f per 1,000 probes" % per_k(n)):
    print(title)
    for key, n in counter.most_common(limit):
        print("  %5.1f %%  %s  %s" % (100.0 * n / total if total else 0, fmt(key, n), key))


table("CPU samples by thread group:", collections.Counter(thread_group(e) for e in cpu), len(cpu))
table("CPU samples by activity (first match in the stack):",
      collections.Counter(activity(frames(e)) for e in cpu), len(cpu))
table("Top methods (top of the stack):",
      collections.Counter((frames(e) or ["?"])[0] for e in cpu), len(cpu), 25)

weights = [(e["values"].get("weight") or 0, frames(e), e) for e in alloc]
total = sum(w for w, _, _ in weights)
print("sampled allocation: %.1f MB in the window = %.1f KB per probe" % (total / 1e6, total / 1e3 / probes if probes else 0))
by_act = collections.Counter()
by_thread = collections.Counter()
by_site = collections.Counter()
for w, fs, e in weights:
    by_act[activity(fs)] += w
    by_thread[thread_group(e)] += w
    obj = ((e["values"].get("objectClass") or {}).get("name") or "?").replace("/", ".")
    by_site[obj + " <- " + " < ".join(f.rsplit(".", 2)[-2] + "." + f.rsplit(".", 1)[-1] for f in fs[:4])] += w
kb = lambda k, n: "%8.2f KB per probe" % (n / 1e3 / probes if probes else 0)
table("allocation by thread group:", by_thread, total, fmt=kb)
table("allocation by activity:", by_act, total, fmt=kb)
table("top allocation sites (class <- frames):", by_site, total, 20, fmt=kb)
