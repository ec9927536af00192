#!/usr/bin/env python3
"""Benchmark server for `shownotes check`: answers every HTTP/1.1 request
with 200 after a fixed delay, on 127.0.0.1 .. 127.0.0.N (one "host" each).
Usage: bench_server.py PORT HOSTS DELAY_MS"""
import asyncio
import sys

PORT, HOSTS, DELAY = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
COUNTS = {}


async def handle(reader, writer):
    host = writer.get_extra_info("sockname")[0]
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if not head:
                break
            COUNTS[host] = COUNTS.get(host, 0) + 1
            await asyncio.sleep(DELAY)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    servers = [
        await asyncio.start_server(handle, f"127.0.0.{i}", PORT, backlog=512)
        for i in range(1, HOSTS + 1)
    ]
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


asyncio.run(main())
