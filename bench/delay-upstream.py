#!/usr/bin/env python3
"""The slow back end behind nginx in P2-truth: answers every request after the delay nginx names.

usage: delay-upstream.py PORT SECONDS
nginx sends "X-Delay-Ms: N" (one value per portal, from its server block); this server waits N ms on its
own event loop, then answers a small HTML page with Content-Length, keeping the connection alive for nginx's
upstream pool. It is deliberately not a JVM: the server side of the benchmark must not share a runtime, a
garbage collector or a JIT with the watchdog it measures. It listens on 127.0.0.1 only and exits by itself
after SECONDS.
"""
import asyncio
import sys

PORT, SECONDS = int(sys.argv[1]), float(sys.argv[2])
BODY = (b"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Cong dich vu cong</title>"
        b"<meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>Dich vu cong</h1></body></html>")
HEAD = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
        + str(len(BODY)).encode() + b"\r\n\r\n")


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            delay = 0
            for line in head.split(b"\r\n"):
                if line[:11].lower() == b"x-delay-ms:":
                    delay = int(line[11:].strip())
            await asyncio.sleep(delay / 1000)
            writer.write(HEAD + BODY)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", PORT, backlog=1024)
    print("ready", flush=True)
    async with server:
        await asyncio.sleep(SECONDS)


asyncio.run(main())
