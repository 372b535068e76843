#!/usr/bin/env python3
# Test times, per test case, of two suite runs: bench/test-times.py BEFORE_DIR AFTER_DIR (each a surefire-reports
# folder of TEST-*.xml). Prints the totals over the cases both runs have and every case slower by more than 1 s.
# Used for "no test slower than before" after a restructuring (issue 14); run both suites on a quiet machine.
import glob, os, sys, xml.etree.ElementTree as ET
def times(d):
    out = {}
    for f in glob.glob(os.path.join(d, "TEST-*.xml")):
        for tc in ET.parse(f).getroot().iter("testcase"):
            k = tc.get("classname","").replace("vn.dvcwatch.","") + "#" + tc.get("name")
            out[k] = out.get(k, 0) + float(tc.get("time") or 0)
    return out
b, a = times(sys.argv[1]), times(sys.argv[2])
common = sorted(set(b) & set(a), key=lambda k: a[k] - b[k], reverse=True)
print(f"test cases compared: {len(common)} (before {len(b)}, after {len(a)}); total before {sum(b[k] for k in common):.0f} s, after {sum(a[k] for k in common):.0f} s")
print("slower by > 1 s:")
for k in common:
    if a[k]-b[k] > 1.0: print(f"  {k[:90]:90s} {b[k]:6.1f} -> {a[k]:6.1f}")
print("faster by > 1 s:", sum(1 for k in common if b[k]-a[k] > 1.0))
