#!/usr/bin/env python3
"""A minimal SMTP sink for the fault drills: accepts every mail on 127.0.0.1:PORT and appends one line per
message to OUT: '<Message-ID>\t<To>\t<Subject>\t<epoch seconds received>'. Stops by itself after SECONDS.

usage: smtp-sink.py PORT OUT SECONDS"""
import asyncore, email, smtpd, sys, threading, os, time, warnings
warnings.filterwarnings("ignore")
port, out, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])

class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        msg = email.message_from_bytes(data if isinstance(data, bytes) else data.encode())
        subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
        with open(out, "a", encoding="utf-8") as f:
            f.write(f"{msg.get('Message-ID','')}\t{','.join(rcpttos)}\t{subject}\t{time.time():.3f}\n")

Sink(("127.0.0.1", port), None, decode_data=False)
threading.Timer(seconds, lambda: os._exit(0)).start()
asyncore.loop(timeout=0.5)
