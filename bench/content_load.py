#!/usr/bin/env python3
"""Content read/write load for a running `vellum serve` (see script/bench-content).

Subcommands
  slugs   pages through the published articles and writes their slugs, one a
          line (the input of the contentBySlug runs)
  check   sends each read query once and fails unless it answers with data
          and no errors (wrk only counts HTTP statuses, not GraphQL errors)
  read    closed-loop read load over C connections, run by wrk with
          bench/content.lua or, where wrk is missing, from Python (slower: on
          a small machine it measures the client as much as the server);
          adds the cache hit ratio and SQL statements per request from
          /metrics and, with --server-pid, the server's CPU per request
  write   as a demo EDITOR: updateContent + publishContent cycles, each
          worker on its own items; reports pairs/s, pair latency, SQL
          statements per pair and, with --server-pid, CPU per pair
  table   prints the JSON-lines results of the other runs as a markdown table

Every loop is bounded in count and in time; traffic goes only to --url, which
must be a loopback address. Needs aiohttp (script/bench-content installs it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import sys
import time
import urllib.parse

import aiohttp

LIST_QUERY = (
    "{ contents(first: 20) { edges { node { id title slug excerpt "
    "author { displayName } tags { name } } } } }"
)
SLUG_QUERY = (
    "query BySlug($slug: String!) { contentBySlug(type: \"article\", slug: $slug) "
    "{ id title slug excerpt bodyHtml publishedAt readingTime "
    "author { displayName } category { name } tags { name } } }"
)
SLUG_PAGE = (
    "query Slugs($after: String) { contents(first: 100, after: $after) "
    "{ edges { node { slug } } pageInfo { endCursor hasNextPage } } }"
)
SIGN_IN = "mutation SignIn($i: SignInInput!) { signIn(input: $i) { accessToken } }"
EDITABLE = (
    "query Editable($after: String) { contents(first: 100, after: $after, "
    "filter: { status: [\"PUBLISHED\"] }) "
    "{ edges { node { id workingVersion } } pageInfo { endCursor hasNextPage } } }"
)
UPDATE = (
    "mutation Update($i: UpdateContentInput!) "
    "{ updateContent(input: $i) { content { id workingVersion status } } }"
)
PUBLISH = (
    "mutation Publish($i: ContentIdInput!) "
    "{ publishContent(input: $i) { content { id workingVersion liveVersion status } } }"
)
HTTP_TIMEOUT = 30.0  # seconds, per request
MAX_SLUG_PAGES = 1000  # 100,000 slugs


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (NaN when empty)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def new_session(limit: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit),
        timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )


async def post(session: aiohttp.ClientSession, url: str, query: str,
               variables: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    payload: dict = {"query": query}
    if variables is not None:
        payload["variables"] = variables
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with session.post(url, json=payload, headers=headers) as resp:
        text = await resp.text()
        try:
            return resp.status, json.loads(text)
        except ValueError:
            return resp.status, {"errors": [{"message": text[:200],
                                             "extensions": {"code": f"HTTP_{resp.status}"}}]}


def error_code(status: int, body: dict) -> str | None:
    """The first error code of a response, or None when it succeeded."""
    errors = body.get("errors") or []
    if errors:
        return str((errors[0].get("extensions") or {}).get("code", "NO_CODE"))
    if status != 200:
        return f"HTTP_{status}"
    return None


def result_line(scenario: str, tool: str, connections: int, requests: int, secs: float,
                latencies: list[float], errors: dict[str, int], unit: str = "req") -> dict:
    values = sorted(latencies)
    return {
        "scenario": scenario,
        "tool": tool,
        "connections": connections,
        "requests": requests,
        "secs": secs,
        "rate": requests / secs if secs > 0 else float("nan"),
        "unit": unit,
        "p50_ms": percentile(values, 50) * 1000,
        "p99_ms": percentile(values, 99) * 1000,
        "errors": sum(errors.values()),
        "error_codes": errors,
    }


def emit(out: str | None, line: dict) -> None:
    text = json.dumps(line)
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text, flush=True)


# -------------------------------------------------------------------- slugs

async def cmd_slugs(args: argparse.Namespace, gql: str) -> int:
    slugs: list[str] = []
    after = None
    async with new_session(4) as session:
        for _ in range(MAX_SLUG_PAGES):
            status, body = await post(session, gql, SLUG_PAGE, {"after": after})
            code = error_code(status, body)
            if code:
                log(f"listing slugs failed: {code}: {body.get('errors')}")
                return 1
            page = body["data"]["contents"]
            slugs += [e["node"]["slug"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"] or len(slugs) >= args.limit:
                break
            after = page["pageInfo"]["endCursor"]
    if not slugs:
        log("no published articles: did seed-demo run?")
        return 1
    with open(args.file, "w", encoding="utf-8") as f:
        f.write("\n".join(slugs[: args.limit]) + "\n")
    log(f"wrote {min(len(slugs), args.limit)} slugs to {args.file}")
    return 0


def read_slugs(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


# -------------------------------------------------------------------- check

async def cmd_check(args: argparse.Namespace, gql: str) -> int:
    slugs = read_slugs(args.slugs)
    async with new_session(4) as session:
        status, body = await post(session, gql, LIST_QUERY)
        code = error_code(status, body)
        edges = ((body.get("data") or {}).get("contents") or {}).get("edges") or []
        if code or len(edges) != 20:
            log(f"list query: {code or f'{len(edges)} items, not 20'}: {body.get('errors')}")
            return 1
        node = edges[0]["node"]
        if not node.get("author") or len(node.get("tags") or []) != 3:
            log(f"list query: expected an author and 3 tags, got {node}")
            return 1
        picks = [slugs[i * len(slugs) // 5] for i in range(5)]
        for slug in picks:
            status, body = await post(session, gql, SLUG_QUERY, {"slug": slug})
            found = (body.get("data") or {}).get("contentBySlug")
            code = error_code(status, body)
            if code or not found or found["slug"] != slug or len(found["bodyHtml"]) < 3000:
                log(f"contentBySlug({slug}): {code or 'missing or short'}: {body}")
                return 1
    log("read queries answer with data")
    return 0


# -------------------------------------------------------------------- read

def cpu_ticks(pid: int | None) -> int | None:
    """utime + stime of a process so far, in clock ticks (None without a pid)."""
    if pid is None:
        return None
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_us_per(before: int | None, after: int | None, count: int) -> float:
    if before is None or after is None or not count:
        return float("nan")
    return (after - before) * 1e6 / os.sysconf("SC_CLK_TCK") / count


def url_base(gql: str) -> str:
    return gql.rsplit("/", 1)[0]


async def scrape(session: aiohttp.ClientSession, base: str) -> dict:
    """Cache lookups and SQL statements so far, from /metrics."""
    out = {"hit": 0.0, "miss": 0.0, "sql": 0.0}
    try:
        async with session.get(base + "/metrics") as resp:
            text = await resp.text()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return out
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        if name.startswith("vellum_cache_lookups_total{"):
            out["hit" if 'result="hit"' in name else "miss"] += float(value)
        elif name == "vellum_db_statements_total":
            out["sql"] = float(value)
    return out


async def python_read(args: argparse.Namespace, gql: str) -> dict:
    slugs = read_slugs(args.slugs) if args.mode == "slug" else []
    latencies: list[float] = []
    errors: dict[str, int] = {}
    count = 0
    async with new_session(args.connections) as session:
        deadline = time.perf_counter() + args.secs

        async def client(k: int) -> None:
            nonlocal count
            i = k * max(1, len(slugs) // args.connections)
            for _ in range(10_000_000):
                if time.perf_counter() >= deadline:
                    return
                if slugs:
                    i = (i + 1) % len(slugs)
                    query, variables = SLUG_QUERY, {"slug": slugs[i]}
                else:
                    query, variables = LIST_QUERY, None
                t = time.perf_counter()
                try:
                    status, body = await post(session, gql, query, variables)
                except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                    continue
                elapsed = time.perf_counter() - t
                code = error_code(status, body)
                if code:
                    errors[code] = errors.get(code, 0) + 1
                else:
                    latencies.append(elapsed)
                    count += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(client(k) for k in range(args.connections)))
        wall = time.perf_counter() - t0
    return result_line(args.scenario, "python", args.connections, count, wall, latencies, errors)


WRK_RESULT = re.compile(
    r"WRK_RESULT requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) "
    r"errors=(\d+) non2xx=(\d+)")


async def wrk_read(args: argparse.Namespace, url: str) -> dict:
    cmd = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.secs:g}s",
           "--timeout", "10s", "-s", args.lua, url, "--", args.mode]
    if args.mode == "slug":
        cmd.append(args.slugs)
    proc = await asyncio.create_subprocess_exec(
        *cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=args.secs + 60)
    except asyncio.TimeoutError:
        proc.kill()
        raise RuntimeError(f"wrk did not finish: {' '.join(cmd)}")
    text = out.decode(errors="replace")
    m = WRK_RESULT.search(text)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {text[-2000:]}")
    requests, duration_us, p50, p99, errors, non2xx = (int(g) for g in m.groups())
    secs = duration_us / 1e6
    codes = {"non-2xx": non2xx} if non2xx else {}
    if errors - non2xx:
        codes["socket"] = errors - non2xx
    return {
        "scenario": args.scenario,
        "tool": "wrk",
        "connections": args.connections,
        "requests": requests,
        "secs": secs,
        "rate": requests / secs if secs > 0 else float("nan"),
        "unit": "req",
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "errors": errors,
        "error_codes": codes,
    }


async def cmd_read(args: argparse.Namespace, gql: str) -> int:
    base = url_base(gql)
    empty = {"hit": 0.0, "miss": 0.0, "sql": 0.0}
    async with new_session(2) as session:
        before = await scrape(session, base) if args.metrics else empty
    cpu_before = cpu_ticks(args.server_pid)
    if args.tool == "wrk":
        line = await wrk_read(args, base)
    else:
        line = await python_read(args, gql)
    cpu_after = cpu_ticks(args.server_pid)
    async with new_session(2) as session:
        after = await scrape(session, base) if args.metrics else empty
    hits, misses = after["hit"] - before["hit"], after["miss"] - before["miss"]
    line["cache_hit_pct"] = 100 * hits / (hits + misses) if hits + misses else float("nan")
    line["sql_per_req"] = (after["sql"] - before["sql"]) / line["requests"] \
        if line["requests"] and args.metrics else float("nan")
    line["cpu_us_per_req"] = cpu_us_per(cpu_before, cpu_after, line["requests"])
    emit(args.out, line)
    return 0


# -------------------------------------------------------------------- write

async def editable_items(session: aiohttp.ClientSession, gql: str, token: str,
                         want: int) -> list[list]:
    items: list[list] = []
    after = None
    for _ in range(MAX_SLUG_PAGES):
        status, body = await post(session, gql, EDITABLE, {"after": after}, token)
        code = error_code(status, body)
        if code:
            raise RuntimeError(f"listing items as the editor failed: {code}: {body.get('errors')}")
        page = body["data"]["contents"]
        items += [[e["node"]["id"], e["node"]["workingVersion"]] for e in page["edges"]]
        if len(items) >= want or not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return items[:want]


async def cmd_write(args: argparse.Namespace, gql: str) -> int:
    async with new_session(args.workers + 2) as session:
        status, body = await post(session, gql, SIGN_IN,
                                  {"i": {"email": args.email, "password": args.password}})
        token = ((body.get("data") or {}).get("signIn") or {}).get("accessToken")
        if not token:
            log(f"sign-in as {args.email} failed: {body}")
            return 1
        per_worker = args.items_per_worker
        items = await editable_items(session, gql, token, args.workers * per_worker)
        if len(items) < args.workers:
            log(f"only {len(items)} published items to edit; need {args.workers}")
            return 1
        latencies: list[float] = []
        update_lat: list[float] = []
        publish_lat: list[float] = []
        errors: dict[str, int] = {}
        pairs = 0
        deadline = time.perf_counter() + args.secs

        def fail(code: str) -> None:
            errors[code] = errors.get(code, 0) + 1

        async def worker(mine: list[list]) -> None:
            nonlocal pairs
            for n in range(1_000_000):
                if time.perf_counter() >= deadline:
                    return
                item = mine[n % len(mine)]
                t = time.perf_counter()
                try:
                    status, body = await post(session, gql, UPDATE, {"i": {
                        "id": item[0],
                        "expectedVersion": item[1],
                        "excerpt": f"Benchmark edit {n} of a demo article.",
                    }}, token)
                    code = error_code(status, body)
                    if code:
                        fail(f"update:{code}")
                        if code == "STALE":
                            item[1] = (body["errors"][0].get("extensions") or {}).get(
                                "currentVersion", item[1])
                        continue
                    t_update = time.perf_counter()
                    status, body = await post(session, gql, PUBLISH, {"i": {"id": item[0]}}, token)
                except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                    fail(type(e).__name__)
                    continue
                code = error_code(status, body)
                done = time.perf_counter()
                content = ((body.get("data") or {}).get("publishContent") or {}).get("content")
                if code or not content or content["status"] != "PUBLISHED":
                    fail(f"publish:{code or 'NOT_PUBLISHED'}")
                    continue
                item[1] = content["workingVersion"]
                latencies.append(done - t)
                update_lat.append(t_update - t)
                publish_lat.append(done - t_update)
                pairs += 1

        share = len(items) // args.workers
        before = await scrape(session, url_base(gql))
        cpu_before = cpu_ticks(args.server_pid)
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(items[k * share:(k + 1) * share])
                               for k in range(args.workers)))
        wall = time.perf_counter() - t0
        cpu_after = cpu_ticks(args.server_pid)
        after = await scrape(session, url_base(gql))
    line = result_line(args.scenario, "python", args.workers, pairs, wall, latencies,
                       errors, unit="pair")
    line["sql_per_req"] = (after["sql"] - before["sql"]) / pairs if pairs else float("nan")
    line["cpu_us_per_req"] = cpu_us_per(cpu_before, cpu_after, pairs)
    update_lat.sort()
    publish_lat.sort()
    line["update_p50_ms"] = percentile(update_lat, 50) * 1000
    line["publish_p50_ms"] = percentile(publish_lat, 50) * 1000
    emit(args.out, line)
    return 0


# -------------------------------------------------------------------- table

def pct(v: float | None) -> str:
    return "-" if v is None or math.isnan(v) else f"{v:.0f}%"


def num(v: float | None) -> str:
    return "-" if v is None or math.isnan(v) else f"{v:.1f}"


def cmd_table(args: argparse.Namespace) -> int:
    rows = []
    with open(args.results, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    # Runs happen in server order (cache on, then off); read them by label.
    rows.sort(key=lambda r: r["scenario"])
    print("| scenario | tool | conns | ops/s | p50 ms | p99 ms | cache hits | SQL/op | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        unit = "" if r["unit"] == "req" else f" ({r['unit']}s)"
        note = ""
        if r.get("error_codes"):
            note = " " + ", ".join(f"{k}: {v}" for k, v in sorted(r["error_codes"].items()))
        print(f"| {r['scenario']} | {r['tool']} | {r['connections']} | "
              f"{r['rate']:,.0f}{unit} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
              f"{pct(r.get('cache_hit_pct'))} | {num(r.get('sql_per_req'))} | "
              f"{r['errors']}{note} |")
    for r in rows:
        if "update_p50_ms" in r:
            print(f"\n{r['scenario']}: p50 of the update alone {r['update_p50_ms']:.1f} ms, "
                  f"of the publish alone {r['publish_p50_ms']:.1f} ms")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="", help="base URL of vellum, e.g. http://127.0.0.1:8080")
    p.add_argument("--out", default=None, help="append the result (JSON line) to this file")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("slugs")
    s.add_argument("--file", required=True)
    s.add_argument("--limit", type=int, default=20_000)
    s = sub.add_parser("check")
    s.add_argument("--slugs", required=True)
    s = sub.add_parser("read")
    s.add_argument("--scenario", required=True)
    s.add_argument("--mode", choices=["list", "slug"], required=True)
    s.add_argument("--slugs", default=None)
    s.add_argument("--secs", type=float, default=12.0)
    s.add_argument("--connections", type=int, default=32)
    s.add_argument("--tool", choices=["wrk", "python"], default="wrk")
    s.add_argument("--wrk", default="wrk", help="the wrk binary")
    s.add_argument("--threads", type=int, default=2, help="wrk threads")
    s.add_argument("--lua", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "content.lua"))
    s.add_argument("--server-pid", type=int, default=None,
                   help="the server's pid, to report its CPU per request")
    s.add_argument("--no-metrics", dest="metrics", action="store_false",
                   help="the server has no /metrics (a reference server)")
    s = sub.add_parser("write")
    s.add_argument("--scenario", default="updateContent + publishContent (EDITOR)")
    s.add_argument("--email", default="editor-001@demo.vellum.test")
    s.add_argument("--password", default="demo-password-1234")
    s.add_argument("--workers", type=int, default=16)
    s.add_argument("--items-per-worker", type=int, default=20)
    s.add_argument("--secs", type=float, default=15.0)
    s.add_argument("--server-pid", type=int, default=None,
                   help="the server's pid, to report its CPU per pair")
    s = sub.add_parser("table")
    s.add_argument("results")
    args = p.parse_args()

    if args.command == "table":
        return cmd_table(args)
    url = args.url.rstrip("/")
    if urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        log(f"refusing non-loopback URL {url!r}")
        return 2
    for name in ("secs",):
        v = getattr(args, name, None)
        if v is not None and not 0 < v <= 120:
            p.error("--secs must be in (0, 120]")
    for name in ("connections", "workers"):
        v = getattr(args, name, None)
        if v is not None and not 1 <= v <= 1024:
            p.error(f"--{name} must be in 1..1024")
    if args.command == "read" and args.mode == "slug" and not args.slugs:
        p.error("--mode slug needs --slugs")
    gql = url + "/graphql"
    handler = {"slugs": cmd_slugs, "check": cmd_check, "read": cmd_read, "write": cmd_write}
    return asyncio.run(handler[args.command](args, gql))


if __name__ == "__main__":
    sys.exit(main())
