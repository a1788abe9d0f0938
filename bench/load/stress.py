#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""How long a cheap request (GET /api/v1/chips/H20) takes while the server is under stress: 4 heavy
requests in flight (scenario runs of 20,000 draws and cluster matches), 8 slow clients trickling header lines, and 8 requests carrying a
one-megabyte chip name. Prints p50 / p99 / max of 100 cheap requests in each case, and the server's RSS.
Usage: stress.py PORT SERVER_PID"""
import http.client
import json
import socket
import statistics
import sys
import threading
import time

port, pid = int(sys.argv[1]), int(sys.argv[2])
# Heavy-lane requests of about half a second each on the development machine.
SCENARIO_RUN = {"scenario": "status-quo-2026-12", "draws": 20000}
MATCH = {"reference": "HGX H100", "reference_count": 16384, "candidate": "CloudMatrix 384", "model": "llama3-405b",
         "tokens": 15.6e12, "seq_len": 8192, "global_batch": 2048, "precision": "bf16"}


def post(path, body, timeout=60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def cheap_latencies(count=100):
    times = []
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        began = time.perf_counter()
        connection.request("GET", "/api/v1/chips/H20")
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - began) * 1000)
        assert response.status == 200, response.status
        connection.close()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99) - 1], times[-1]


def rss_kb():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def under(label, start_stress):
    stop = threading.Event()
    threads = start_stress(stop)
    time.sleep(0.5)
    p50, p99, worst = cheap_latencies()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    print(f"{label:<42} cheap GET p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  max {worst:6.1f} ms  (RSS {rss_kb() / 1024:.1f} MB)")


def repeat(stop, action):
    def loop():
        while not stop.is_set():
            action()
    t = threading.Thread(target=loop, daemon=True)
    t.start()
    return t


def heavy(stop):
    return [repeat(stop, lambda: post("/api/v1/scenarios/run", SCENARIO_RUN)) for _ in range(2)] + \
           [repeat(stop, lambda: post("/api/v1/match", MATCH)) for _ in range(2)]


def slow_clients(stop):
    def trickle():
        sock = socket.create_connection(("127.0.0.1", port))
        try:
            sock.sendall(b"GET /api/v1/chips HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while not stop.wait(1.0):
                sock.sendall(b"X-Slow: 1\r\n")
        except OSError:
            pass  # cut off by the server's deadline: reconnect, as an attacker would
        finally:
            sock.close()
    return [repeat(stop, trickle) for _ in range(8)]


def megabyte_names(stop):
    body = {"chip": "h" * 1_000_000, "to": "CN", "date": "2025-06-01"}
    return [repeat(stop, lambda: post("/api/v1/classify", body)) for _ in range(8)]


print(f"{'idle':<42} cheap GET p50 {cheap_latencies()[0]:6.1f} ms  (RSS {rss_kb() / 1024:.1f} MB)")
under("4 heavy requests in flight", heavy)
under("8 slow clients (a header line a second)", slow_clients)
under("8 one-megabyte chip names in flight", megabyte_names)
