"""The load benchmark's own client reads HTTP/1.1 responses correctly (no server needed)."""

from __future__ import annotations

import asyncio
import random

from benchmarks.load_bench import HOST, _read_response, _request


def _read(raw: bytes) -> tuple[int, bytes]:
    async def go() -> tuple[int, bytes]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw + b"NEXT")
        reader.feed_eof()
        status = await _read_response(reader)
        return status, await reader.read()

    return asyncio.run(go())


def test_a_sized_response_is_read_to_its_end_and_no_further():
    raw = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-type: text/html\r\n\r\nhello"
    assert _read(raw) == (200, b"NEXT")


def test_a_chunked_response_is_read_to_its_last_chunk():
    raw = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
    assert _read(raw) == (404, b"NEXT")


def test_requests_stay_on_the_loopback_address_and_keep_the_connection():
    request = _request(random.Random(1), 8123).decode()
    assert request.startswith("GET /articles/baclofen-muscle-spasms?audience=")
    assert f"Host: {HOST}:8123" in request and HOST == "127.0.0.1"
    assert "Connection: keep-alive" in request and request.endswith("\r\n\r\n")
