#!/usr/bin/env python3
"""Each HTTPS request's time to first byte as the wire saw it, from a packet capture of loopback.

usage: wire-ttfb.py PCAP SERVER_PORT[,SERVER_PORT...] > flows.txt
PCAP: tcpdump's classic format (-w) of the loopback interface (Ethernet or Linux cooked link type), snap length
      large enough for a TLS ClientHello (the host name is read from its server_name extension).
Prints one line per connection to a server port that carried a request and an answer:
  "SERVER_PORT HOST CLIENT_HELLO_EPOCH_S WIRE_TTFB_MS"
where WIRE_TTFB_MS = the first packet of the server's answer - the last packet of the client's request before it,
both stamped by the kernel as they crossed loopback. That is the truth a probe's TTFB should report: it holds
everything the server did (its upstream wait, its own scheduling, its TLS records), and none of the client's
delays (a busy client that reads its socket late, or stamps its clock late, is what P2-truth measures).

How the request and the answer are found in a TLS 1.3 connection, whose records after the ServerHello are all
encrypted: the client's first payload is the ClientHello; the server answers with its handshake flight; then
the client sends its Finished and the request (in one or two segments); the server's next payload is the answer
(the bench's nginx sends no session tickets, NumTickets 0, and a segment smaller than an answer, MIN_ANSWER, is
passed over in any case). So: the first server payload that follows a client payload
which itself follows the server's first flight, against the last client payload before it.
Summary on stderr: connections read, answered, without an answer, hellos whose host name could not be read.
"""
import struct
import sys

# Bytes of the smallest segment taken for an HTTP answer: the bench's answer is about 370 bytes on the wire (headers,
# a small page, the record's overhead); a TLS 1.3 session ticket is 79, two in one segment 158 (the bench's nginx is
# told to send none), a close_notify alert 24.
MIN_ANSWER = 200


def packets(path):
    """(epoch seconds, src port, dst port, payload bytes) of every TCP segment with a payload."""
    with open(path, "rb") as f:
        head = f.read(24)
        magic = struct.unpack("<I", head[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            endian = ">"
        else:
            sys.exit("wire-ttfb: %s is not a classic pcap file" % path)
        nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
        link = struct.unpack(endian + "I", head[20:24])[0]
        offset = {1: 14, 113: 16, 0: 4, 276: 20}.get(link)
        if offset is None:
            sys.exit("wire-ttfb: link type %d not supported" % link)
        rec = struct.Struct(endian + "IIII")
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, frac, incl, _ = rec.unpack(h)
            data = f.read(incl)
            ip = data[offset:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
                continue
            ihl = (ip[0] & 0x0F) * 4
            total = struct.unpack(">H", ip[2:4])[0]
            tcp = ip[ihl:]
            if len(tcp) < 20:
                continue
            sport, dport = struct.unpack(">HH", tcp[:4])
            doff = (tcp[12] >> 4) * 4
            payload_len = total - ihl - doff
            if payload_len <= 0:
                continue
            yield sec + frac / (1e9 if nano else 1e6), sport, dport, tcp[doff:], payload_len


def sni(hello):
    """The server_name of a TLS ClientHello record, or None."""
    try:
        if hello[0] != 0x16 or hello[5] != 0x01:
            return None
        p = 9 + 2 + 32  # record header 5, handshake header 4, version 2, random 32
        p += 1 + hello[p]  # session id
        p += 2 + struct.unpack(">H", hello[p:p + 2])[0]  # cipher suites
        p += 1 + hello[p]  # compression methods
        end = p + 2 + struct.unpack(">H", hello[p:p + 2])[0]
        p += 2
        while p + 4 <= end:
            kind, size = struct.unpack(">HH", hello[p:p + 4])
            if kind == 0:
                n = struct.unpack(">H", hello[p + 7:p + 9])[0]
                return hello[p + 9:p + 9 + n].decode("ascii", "replace")
            p += 4 + size
    except (IndexError, struct.error):
        return None
    return None


def main():
    ports = {int(p) for p in sys.argv[2].split(",")}
    flows = {}  # (server port, client port) -> state
    done = answered = unanswered = unnamed = 0
    out = sys.stdout
    for t, sport, dport, payload, size in packets(sys.argv[1]):
        if dport in ports:
            key, from_client = (dport, sport), True
        elif sport in ports:
            key, from_client = (sport, dport), False
        else:
            continue
        f = flows.get(key)
        if from_client:
            if size > 5 and payload[0] == 0x16 and payload[5:6] == b"\x01":
                # A ClientHello: a new connection (a client port is reused only after the old one has gone).
                if f is not None:
                    done += 1
                    unanswered += 0 if f["answered"] else 1
                host = sni(payload)
                flows[key] = {"hello": t, "host": host, "flight": False, "request": None, "answered": host is None}
                unnamed += 1 if host is None else 0
            elif f is not None and f["flight"] and not f["answered"]:
                f["request"] = t  # the last client segment after the server's flight: Finished, then the request
            continue
        if f is not None and not f["answered"]:
            if not f["flight"]:
                f["flight"] = True
            elif f["request"] is not None:
                if size >= MIN_ANSWER:
                    out.write("%d %s %.6f %.3f\n" % (key[0], f["host"], f["hello"], (t - f["request"]) * 1000))
                    answered += 1
                    f["answered"] = True
                # else a TLS 1.3 session ticket or an alert: the answer is still to come
    unanswered += sum(1 for f in flows.values() if not f["answered"])
    print("wire-ttfb: %d connections, %d answered requests timed, %d without an answer (a refused handshake, a cut"
          " connection), %d hellos without a readable host name" % (done + len(flows), answered, unanswered, unnamed),
          file=sys.stderr)


if __name__ == "__main__":
    main()
