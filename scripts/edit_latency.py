#!/usr/bin/env python3
"""Edit-to-output latency of a file-watching server (not a test).

Starts COMMAND in DIR, waits until READY appears in its output (stderr and
stdout), then N times: replaces the text OLD in SOURCE (or the marker of
the previous edit) with a new marker, and times until OUTPUT contains it.
Prints each edit and the median, in milliseconds; stops COMMAND with
SIGINT and reports its peak RSS (VmHWM) just before.

  scripts/edit_latency.py --dir SHOW --ready watching --source episodes/ep1.yaml \
      --output dist/ep1/notes.txt --old 'some text' -n 20 -- shownotes serve --port 0
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import time


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def wait_for(predicate, deadline, what):
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > deadline:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.001)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--old", required=True)
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    parser.add_argument("--label", default="")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    log_path = os.path.join(args.dir, ".latency.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, cwd=args.dir, stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL)
    try:
        read_log = lambda: open(log_path, encoding="utf-8", errors="replace").read()
        wait_for(lambda: args.ready in read_log(), 600, f"'{args.ready}'")
        source = os.path.join(args.dir, args.source)
        output = os.path.join(args.dir, args.output)
        previous = args.old
        times = []
        for i in range(args.n):
            time.sleep(args.pause)
            marker = f"MARK{i:04d}"
            with open(source, encoding="utf-8") as f:
                text = f.read()
            assert previous in text, f"{previous!r} not in {source}"
            start = time.monotonic()
            with open(source, "w", encoding="utf-8") as f:
                f.write(text.replace(previous, marker, 1))

            def done():
                try:
                    with open(output, encoding="utf-8", errors="replace") as f:
                        return marker in f.read()
                except OSError:
                    return False

            wait_for(done, 60, f"edit {i} in {args.output}")
            times.append((time.monotonic() - start) * 1000)
            previous = marker
        rss = peak_rss_mb(proc.pid)
        print(f"{args.label} edits: " + " ".join(f"{t:.0f}" for t in times))
        print(f"{args.label} median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f}, max {max(times):.1f} over {len(times)} edits; "
              f"peak RSS {rss:.0f} MB")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
