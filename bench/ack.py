"""Ack latency under a burst: `make bench` (or `python bench/ack.py --url URL --secret S`).

Why: Slack waits 3 seconds for the HTTP 200 of an event and then resends it; the bot must ack at
once, whatever answering work, database lock or busy worker pool is behind. This sends 200
signed mentions at concurrency 10 to a running server and prints the ack p50/p95/max (target
p95 under 100 ms), and how long the answers took to be posted.

Without --url it starts one: `regionbot serve` in a subprocess on a free loopback port, with a
copy of the seed database, pointed at the Slack Web API double of the tests (in this process), so
nothing leaves the machine. With --url it only sends (the answers then go to wherever that
server's Slack is).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_sdk.signature import SignatureVerifier  # noqa: E402

from tests.slack.slack_double import SlackDouble  # noqa: E402
from tests.slack.slack_requests import SlackSender, mention  # noqa: E402

REQUESTS = 200
CONCURRENCY = 10
TARGET_P95_MS = 100.0
SECRET = "bench-signing-secret"
QUESTIONS = [
    "hvem har ansvar for jernbaneforum?",
    "når er fristen for innspill til handlingsplanen?",
    "hva er vedtatt om mobildekning?",
    "hvor mye kostet prosjektet Tynset-Røros?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(tmp: Path, double: SlackDouble) -> tuple[subprocess.Popen, str]:
    db = tmp / "regionbot.db"
    env = {
        **os.environ,
        "REGIONBOT_DB": str(db),
        "REGIONBOT_NOW": "2021-04-20T09:00:00",
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": double.api_url,
        "SLACK_APP_TOKEN": "",
        "LLM_MODEL": "",
    }
    regionbot = [sys.executable, "-c", "from bot.cli import main; main()"]
    subprocess.run([*regionbot, "init"], env=env, cwd=tmp, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(
        [*regionbot, "serve", "--port", str(port)],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp / "serve.log", "w"),  # noqa: SIM115 - lives as long as the server
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server did not start: {(tmp / 'serve.log').read_text()[-2000:]}")


def _send(url: str, secret: str, n: int) -> float:
    """One signed mention; seconds until its HTTP response arrived."""
    parts = urlsplit(url)
    body = SlackSender.event_body(
        mention(QUESTIONS[n % len(QUESTIONS)], ts=f"{1618900000 + n}.000100"),
        event_id=f"EvBENCH{time.time_ns()}{n}",
    )
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
    started = time.perf_counter()
    conn.request("POST", (parts.path.rstrip("/") or "") + "/slack/events", body, headers)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}")
    return elapsed


def burst(url: str, secret: str) -> list[float]:
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        return list(pool.map(lambda n: _send(url, secret, n), range(REQUESTS)))


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    p95 = _percentile(ms, 95)
    verdict = "ok" if p95 < TARGET_P95_MS else "OVER TARGET"
    print(f"ack latency, {REQUESTS} signed mentions at concurrency {CONCURRENCY}:")
    print(
        f"  p50 {statistics.median(ms):.1f} ms   p95 {p95:.1f} ms   max {max(ms):.1f} ms"
        f"   (target p95 < {TARGET_P95_MS:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running regionbot (default: start one on loopback)")
    parser.add_argument("--secret", default=SECRET, help="its SLACK_SIGNING_SECRET")
    args = parser.parse_args()
    if args.url:
        report(burst(args.url, args.secret))
        return
    double = SlackDouble().start()
    tmp = Path(tempfile.mkdtemp(prefix="regionbot-ack-"))
    proc, url = _start_server(tmp, double)
    try:
        burst(url, SECRET)  # warm-up: imports, caches, the first connection per thread
        double.calls.clear()
        started = time.perf_counter()
        times = burst(url, SECRET)
        report(times)
        done = threading.Event()

        def answered() -> None:
            double.wait_for("chat.postMessage", count=REQUESTS, timeout=120)
            done.set()

        threading.Thread(target=answered, daemon=True).start()
        if done.wait(125):
            print(f"  all {REQUESTS} answers posted {time.perf_counter() - started:.1f} s after")
        else:
            posted = len(double.calls_of("chat.postMessage"))
            print(f"  only {posted}/{REQUESTS} answers posted within 2 minutes")
        errors = [c for c in double.calls if c.status != 200]
        print(f"  Slack API calls: {len(double.calls)}, failed: {len(errors)}")
    finally:
        proc.terminate()
        proc.wait(timeout=40)
        double.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
