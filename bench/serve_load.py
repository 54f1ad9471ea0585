#!/usr/bin/env python3
"""Server throughput: `/api/check` under concurrent clients (a bench, not a test).

    bench/serve_load.py [--clients 8] [--seconds 20] [--binary PATH] [--samples DIR]

Starts `fgcheck serve` (release build by default) on a free loopback port (the operating
system picks it: `--listen 127.0.0.1:0`), then runs --clients threads for --seconds, each
posting one `samples/*.docx` after another (round robin, each client starting at its own
offset) to `/api/check` as a multipart upload, one file per request, over a keep-alive
connection. Prints requests/s, latency p50/p90/p99/max, answers by status, and the
server's peak RSS (VmHWM from /proc/PID/status, read before the server is stopped).

Only the standard library is used. Not part of the test suite; see docs/performance.md.
"""

import argparse
import glob
import http.client
import os
import re
import subprocess
import sys
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def multipart(name, data):
    boundary = "fgcheck-" + uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + data + tail, f"multipart/form-data; boundary={boundary}"


def start_server(binary):
    server = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--meeting", "fg-qit4n-5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # "fgcheck serve: open http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            # Keep draining stderr so that the server never blocks on a full pipe.
            threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
            return server, int(found.group(1))
    server.kill()
    sys.exit("fgcheck serve did not say where it listens")


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def client(port, bodies, offset, stop_at, latencies, statuses, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    i = offset
    mine, codes = [], {}
    while time.monotonic() < stop_at:
        body, content_type = bodies[i % len(bodies)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/api/check",
                body=body,
                headers={"Content-Type": content_type, "Content-Length": str(len(body))},
            )
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            status = "error"
        mine.append(time.perf_counter() - started)
        codes[status] = codes.get(status, 0) + 1
    conn.close()
    with lock:
        latencies.extend(mine)
        for status, count in codes.items():
            statuses[status] = statuses.get(status, 0) + count


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--binary", default=os.path.join(TARGET, "release", "fgcheck"))
    parser.add_argument("--samples", default=os.path.join(ROOT, "samples"))
    args = parser.parse_args()

    paths = sorted(glob.glob(os.path.join(args.samples, "*.docx")))
    if not paths:
        sys.exit(f"no .docx under {args.samples}")
    bodies = []
    for path in paths:
        with open(path, "rb") as fh:
            bodies.append(multipart(os.path.basename(path), fh.read()))
    upload_bytes = sum(os.path.getsize(p) for p in paths)

    server, port = start_server(args.binary)
    try:
        # Warm up: one pass over the samples by one client.
        for body, content_type in bodies:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("POST", "/api/check", body=body, headers={"Content-Type": content_type})
            conn.getresponse().read()
            conn.close()
        latencies, statuses, lock = [], {}, threading.Lock()
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(
                target=client,
                args=(port, bodies, n * len(bodies) // args.clients, stop_at, latencies, statuses, lock),
            )
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        peak_kb = vm_hwm_kb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies.sort()
    ms = lambda s: s * 1000  # noqa: E731
    print(
        f"{len(paths)} samples ({upload_bytes / 1e6:.1f} MB), {args.clients} clients, "
        f"{elapsed:.1f} s, {os.cpu_count()} cores"
    )
    print(f"requests: {len(latencies)} ({len(latencies) / elapsed:.1f} requests/s)")
    print(
        "latency ms: p50 {:.1f}, p90 {:.1f}, p99 {:.1f}, max {:.1f}".format(
            ms(percentile(latencies, 50)),
            ms(percentile(latencies, 90)),
            ms(percentile(latencies, 99)),
            ms(latencies[-1]) if latencies else float("nan"),
        )
    )
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
    print(f"server peak RSS (VmHWM): {peak_kb / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
