"""Clients of newsdex-serve for the tests and bench/serve.

usage: serve_load.py URL --clients N [--while-pid PID | --until-file F | --seconds S]
                     [--expect-total N] [--max-requests N] [--paths P,...]

Each of N threads sends GET requests (the paths in turn, keep-alive) until
the process PID ends, the file F exists or S seconds have passed (or it
has sent
--max-requests). A request fails when it gets no response or a status
other than 200, or, with --expect-total, when a /api/search response's
"total" differs. Prints one JSON object: requests, failures, seconds,
requests_per_second, p50_ms, p95_ms, p99_ms, and the first failures.
"""
import argparse
import http.client
import json
import os
import threading
import time
import urllib.parse


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet waited for) has ended.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--while-pid", type=int)
    ap.add_argument("--until-file")
    ap.add_argument("--ready-file", help="created once the first response has come")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--expect-total", type=int)
    ap.add_argument("--max-requests", type=int, default=1_000_000)
    ap.add_argument("--paths", default="/api/search?q=zebracorn&duplicates=show,/api/health,/?q=zebracorn")
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.url)
    paths = args.paths.split(",")
    lock = threading.Lock()
    latencies, failures = [], []
    count = [0]
    stop = threading.Event()
    start = time.monotonic()

    def done():
        if stop.is_set():
            return True
        if args.while_pid is not None:
            ended = not alive(args.while_pid)
        elif args.until_file is not None:
            ended = os.path.exists(args.until_file)
        else:
            ended = time.monotonic() - start >= args.seconds
        with lock:
            ended = ended or count[0] >= args.max_requests
        if ended:
            stop.set()
        return ended

    def client(k):
        conn = None
        i = k
        while not done():
            path = paths[i % len(paths)]
            i += 1
            t0 = time.monotonic()
            error = None
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
                conn.request("GET", path)
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    error = f"{path}: status {r.status}: {body[:200]!r}"
                elif args.expect_total is not None and path.startswith("/api/search"):
                    total = json.loads(body)["total"]
                    if total != args.expect_total:
                        error = f"{path}: total {total}, expected {args.expect_total}"
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except Exception as e:  # no response at all
                error = f"{path}: {type(e).__name__}: {e}"
                if conn is not None:
                    conn.close()
                conn = None
            ms = (time.monotonic() - t0) * 1000
            with lock:
                count[0] += 1
                latencies.append(ms)
                if args.ready_file and count[0] == 1:
                    open(args.ready_file, "w").close()
                if error:
                    failures.append(error)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    latencies.sort()

    def pct(p):
        if not latencies:
            return None
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1)

    print(json.dumps({
        "clients": args.clients,
        "requests": len(latencies),
        "failures": len(failures),
        "seconds": round(seconds, 2),
        "requests_per_second": round(len(latencies) / seconds, 1) if seconds > 0 else None,
        "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
        "first_failures": failures[:5],
    }))


if __name__ == "__main__":
    main()
