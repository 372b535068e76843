#!/usr/bin/env python3
"""Checks the event streams of a cluster drill whose leader was killed or frozen (bench/faults/c1-cluster-kill9.sh).

The survivors' clients (every event, ?probes=1) must each be one unbroken stream: every id one above the one before,
but for the one jump of the leader change (to the next leader's ids, at or above CHANGE_MS x 1000). The moved client
(?probes=0, reconnected to a survivor with the Last-Event-ID it had read on the old leader) must get exactly the
events, probes left out, that the survivor's own client got after that id, up to the last one it read itself: no
gap, no duplicate. A fresh snapshot instead is right only when that survivor never had the id (the old leader's
last events did not reach it), and counts as a miss otherwise.

Prints one line, 'SSE …: pass|miss', and exits 1 on a miss.

usage: sse-continuity.py CHANGE_MS PORTAL MOVED_SINCE MOVED_FILE MOVED_ONTO_FILE SURVIVOR_FILE..."""
import json
import sys


def events(path):
    """The events of an event-stream capture, in order: (id, name, data)."""
    out, ev = [], {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if "data" in ev and "id" in ev:
                    out.append((ev["id"], ev.get("event", "message"), ev["data"]))
                ev = {}
            elif line.startswith("id: "):
                ev["id"] = int(line[4:])
            elif line.startswith("event: "):
                ev["event"] = line[7:]
            elif line.startswith("data: "):
                try:
                    ev["data"] = json.loads(line[6:])
                except ValueError:
                    ev["data"] = {}
    return out


def breaks(stream, new_ids):
    """The places where an id is not one above the one before, the leader change's one jump aside; and the jumps."""
    bad, jumps = [], 0
    ids = [i for i, name, _ in stream if name != "snapshot"]
    for before, after in zip(ids, ids[1:]):
        if before < new_ids <= after:
            jumps += 1
        elif after != before + 1:
            bad.append(f"{before}->{after}")
    return bad, jumps


def main():
    change_ms, portal, since = int(float(sys.argv[1])), sys.argv[2], int(sys.argv[3])
    moved_file, onto_file, survivor_files = sys.argv[4], sys.argv[5], sys.argv[6:]
    new_ids = change_ms * 1000
    ok, said = True, []
    for path in survivor_files:
        stream = events(path)
        bad, jumps = breaks(stream, new_ids)
        decided = [e for e in stream if e[0] >= new_ids and e[1] == "status" and e[2].get("portal") == portal]
        after = sum(1 for e in stream if e[0] >= new_ids)
        name = path.rsplit("/", 1)[-1]
        said.append(f"{name}: {len(stream)} events, {after} from the next leader ({len(decided)} {portal} status), "
                    f"{jumps} leader change, {len(bad)} breaks{' ' + ','.join(bad[:3]) if bad else ''}")
        ok &= not bad and jumps == 1 and after > 0
    moved, onto = events(moved_file), events(onto_file)
    if not moved:
        said.append("moved client: nothing read")
        ok = False
    else:
        last = moved[-1][0]
        own = [e for e in onto if since < e[0] <= last and e[1] not in ("probe", "snapshot")]
        had = any(e[0] == since for e in onto)
        if moved[0][1] == "snapshot":
            got = [e for e in moved[1:]]
            own = [e for e in own if e[0] > moved[0][0]]
            fine = not had and [e[0] for e in got] == [e[0] for e in own]
            said.append(f"moved client (from {since}): a snapshot{' although the survivor had that id' if had else ''},"
                        f" then {len(got)} events")
        else:
            got = moved
            fine = [e[0] for e in got] == [e[0] for e in own]
            missing = sorted(set(e[0] for e in own) - set(e[0] for e in got))
            extra = sorted(set(e[0] for e in got) - set(e[0] for e in own))
            dups = len(got) - len(set(e[0] for e in got))
            said.append(f"moved client (from {since}): {len(got)} events replayed and after, {len(missing)} missing, "
                        f"{len(extra)} extra, {dups} twice")
        ok &= fine
    print("SSE " + "; ".join(said) + ": " + ("pass" if ok else "miss"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
