"""Load: the FastAPI example under a local load generator for 30 s (issue 7).

Starts ``examples/fastapi_app.py`` under uvicorn on 127.0.0.1 (a free port, one worker),
then drives it with a small asyncio HTTP/1.1 client (keep-alive connections, no
dependencies) for a fixed time, mixing audiences, formats and Accept-Language headers.
The server's resident memory is sampled from /proc twice a second.

Reported: requests served and throughput, p50 and p99 latency, errors (any status but
200, or a broken connection), peak RSS, and memory growth from the end of the warm-up
to the end of the run. Targets: no errors, and growth under 10 MB (a leak in the request
path would grow with every request; a cache fills during warm-up and then stays put).

Traffic goes only to 127.0.0.1, and the run stops by itself: 30 s (5 s with --quick),
then the server is terminated. Run alone with ``python -m benchmarks.load_bench``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import Result

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ARTICLE = "baclofen-muscle-spasms"
CONNECTIONS = 16
WARM_UP = 0.2  # fraction of the run before the memory baseline is taken
GROWTH_TARGET_MB = 10.0
AUDIENCES = ("clinician", "patient", "caregiver")
FORMATS = ("page", "html", "json", "markdown", "text")
LANGUAGES = (None, "en-GB,en;q=0.8", "es-MX,es;q=0.9,en;q=0.5", "fr;q=0.9, en;q=0.1")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _start_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(ROOT / "examples"),
            "fastapi_app:app",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"uvicorn exited early: {err.strip()[-500:]}")
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("uvicorn did not start listening within 60 s")


def _request(rng: random.Random, port: int) -> bytes:
    query = f"audience={rng.choice(AUDIENCES)}&format={rng.choice(FORMATS)}"
    language = rng.choice(LANGUAGES)
    lines = [
        f"GET /articles/{ARTICLE}?{query} HTTP/1.1",
        f"Host: {HOST}:{port}",
        "Connection: keep-alive",
    ]
    if language:
        lines.append(f"Accept-Language: {language}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    length = 0
    chunked = False
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip() or b"0", 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(length)
    return status


async def _client(seed: int, port: int, until: float, tally: Tally) -> None:
    rng = random.Random(seed)
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    while time.monotonic() < until:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            assert reader is not None
            started = time.perf_counter()
            writer.write(_request(rng, port))
            await writer.drain()
            status = await asyncio.wait_for(_read_response(reader), timeout=30)
            tally.latencies.append(time.perf_counter() - started)
            if status != 200:
                tally.error(f"HTTP {status}")
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            tally.error(f"{type(exc).__name__}: {exc}")
            if writer is not None:
                writer.close()
            writer = reader = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def _sample_memory(pid: int, until: float, samples: list[tuple[float, int]]) -> None:
    start = time.monotonic()
    while time.monotonic() < until:
        rss = _rss_kb(pid)
        if rss is not None:
            samples.append((time.monotonic() - start, rss))
        await asyncio.sleep(0.5)


async def _drive(port: int, pid: int, seconds: float) -> tuple[Tally, list[tuple[float, int]]]:
    tally = Tally()
    samples: list[tuple[float, int]] = []
    until = time.monotonic() + seconds
    await asyncio.gather(
        _sample_memory(pid, until, samples),
        *(_client(i, port, until, tally) for i in range(CONNECTIONS)),
    )
    return tally, samples


@dataclass(frozen=True)
class Figures:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    error_samples: tuple[str, ...]
    peak_rss_mb: float
    growth_mb: float


def measure(seconds: float) -> Figures:
    """Run the server and the load for ``seconds``; return the raw figures."""
    port = _free_port()
    server = _start_server(port)
    try:
        started = time.monotonic()
        tally, samples = asyncio.run(_drive(port, server.pid, seconds))
        elapsed = time.monotonic() - started
        alive = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    latencies = sorted(tally.latencies) or [float("nan")]
    warm = [rss for t, rss in samples if t >= seconds * WARM_UP] or [0]
    return Figures(
        requests=len(tally.latencies),
        seconds=elapsed,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        errors=tally.errors + (0 if alive else 1),
        error_samples=(*tally.error_samples, *(() if alive else ("server died",))),
        peak_rss_mb=max((rss for _, rss in samples), default=0) / 1024,
        growth_mb=(statistics.median(warm[-3:]) - warm[0]) / 1024,
    )


def run(quick: bool = False) -> list[Result]:
    seconds = 5.0 if quick else 30.0
    f = measure(seconds)
    setup = f"{CONNECTIONS} keep-alive connections, one uvicorn worker, {seconds:.0f} s"
    return [
        Result(
            "load: requests served",
            float(f.requests),
            "req",
            detail=f"{f.requests / f.seconds:.0f} req/s; {setup}",
            group="load",
        ),
        Result("load: p50 latency", f.p50_ms, "ms", group="load"),
        Result("load: p99 latency", f.p99_ms, "ms", group="load"),
        Result(
            "load: errors (non-200 or broken connection)",
            float(f.errors),
            "",
            target=0.0,
            detail="; ".join(f.error_samples),
            group="load",
        ),
        Result("load: server peak RSS", f.peak_rss_mb, "MB", group="load"),
        Result(
            "load: server memory growth after warm-up",
            f.growth_mb,
            "MB",
            target=GROWTH_TARGET_MB,
            detail=f"RSS at {WARM_UP:.0%} of the run to the end, sampled every 0.5 s",
            group="load",
        ),
    ]


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        value = "-" if result.value is None else f"{result.value:.1f}"
        print(f"{result.status:5} {result.name}: {value} {result.unit}  {result.detail}")
