#!/usr/bin/env python3
"""Closed-loop GraphQL load for script/bench-search: C clients send the same
query (with its variables) for S seconds to a loopback vellum, each waiting
for its answer before the next. Every answer must be HTTP 200 with data and
no errors (a wrong answer fails the run instead of counting as fast).
Prints one JSON object: requests, rate (req/s), p50_ms, p99_ms, errors.
Needs aiohttp (the benchmark venv has it)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

import aiohttp


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


async def run(args: argparse.Namespace) -> dict:
    if not args.url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise SystemExit("--url must be a loopback address")
    body = json.dumps({"query": args.query, "variables": json.loads(args.variables)})
    headers = {"content-type": "application/json", "accept": "application/graphql-response+json"}
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + args.secs

    async def client(session: aiohttp.ClientSession) -> None:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            async with session.post(args.url + "/graphql", data=body, headers=headers) as r:
                text = await r.text()
            latencies.append((time.perf_counter() - start) * 1000)
            answer = json.loads(text)
            if r.status != 200 or answer.get("errors") or not answer.get("data"):
                errors.append(f"{r.status} {text[:300]}")
                if len(errors) > 20:
                    return

    connector = aiohttp.TCPConnector(limit=args.clients)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        await asyncio.gather(*(client(session) for _ in range(args.clients)))
        elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--variables", default="{}")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--secs", type=float, default=10)
    args = p.parse_args()
    try:
        # A cheaper client loop leaves more of a small machine to the server.
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    result = asyncio.run(run(args))
    print(json.dumps(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
