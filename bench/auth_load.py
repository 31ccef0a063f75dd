#!/usr/bin/env python3
"""Sign-in storm benchmark for a running `vellum serve` (see script/bench-auth).

Measures
  * sign-in throughput: successful `signIn` mutations per second, with C
    concurrent sign-in clients (each with its own accounts and X-Forwarded-For
    addresses, so the per-account and per-IP rate limits never trigger), and
  * the latency of `{ me { id } }` probes sent by a separate process at the
    same time, against the same probes with no sign-in load (the baseline).

Argon2 hashing runs on tokio's blocking pool behind a 4-permit semaphore; if it
starved the async workers, `me` latency under the storm would jump by whole
hash durations (tens of milliseconds and more) rather than by CPU sharing.

Every loop is bounded in count and in time; traffic goes only to --url, which
must be a loopback address. Needs aiohttp (script/bench-auth installs it).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import math
import multiprocessing
import os
import platform
import secrets
import sys
import time
import urllib.parse

import aiohttp

PASSWORD = "bench-password-0123"  # >= 10 characters
SIGN_UP = (
    "mutation SignUp($i: SignUpInput!) { signUp(input: $i) { accessToken } }"
)
SIGN_IN = (
    "mutation SignIn($i: SignInInput!) "
    "{ signIn(input: $i) { accessToken twoFactorRequired } }"
)
ME = "query Me { me { id } }"
ME_PROBE = "{ me { id } }"
PER_ACCOUNT_BUDGET = 5  # sign-ins per account over the whole run (limit: 5/min)
SOLO_ACCOUNTS = 4  # accounts for the one-at-a-time sign-ins (x5 each)
HTTP_TIMEOUT = 30.0  # seconds, per request


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (NaN when empty)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarize(latencies: list[float]) -> dict:
    values = sorted(latencies)
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] if values else float("nan"),
    }


def error_codes(body: dict) -> list[str]:
    return [
        str((e.get("extensions") or {}).get("code", "NO_CODE"))
        for e in (body.get("errors") or [])
    ]


async def post(
    session: aiohttp.ClientSession,
    url: str,
    query: str,
    variables: dict | None = None,
    headers: dict | None = None,
) -> tuple[int, dict]:
    payload = {"query": query}
    if variables is not None:
        payload["variables"] = variables
    async with session.post(url, json=payload, headers=headers or {}) as resp:
        text = await resp.text()
        try:
            body = json.loads(text)
        except ValueError:
            body = {"errors": [{"message": text[:200], "extensions": {"code": f"HTTP_{resp.status}"}}]}
        return resp.status, body


def new_session(limit: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, force_close=False),
        timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )


# --------------------------------------------------------------------------
# `me` probe: runs in its own process, so the sign-in clients' event loop
# cannot delay it (and its own timing is not skewed by theirs).


async def _probe(url: str, token: str, expect_id: str, clients: int, rate: float,
                 start_at: float, secs: float) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    slots = 0  # paced sends due
    missed = 0  # of those, skipped because the previous answer was still out
    errors: dict[str, int] = {}
    interval = 1.0 / rate if rate > 0 else 0.0
    max_requests = int(secs * (rate if rate > 0 else 20000)) + 10  # hard bound per client
    async with new_session(clients) as session:
        # one warm connection per client before the clock starts
        await asyncio.gather(*(post(session, url, ME_PROBE, headers=headers) for _ in range(clients)))
        await asyncio.sleep(max(0.0, start_at - time.time()))
        t0 = time.perf_counter()
        deadline = t0 + secs

        async def client(k: int) -> None:
            nonlocal slots, missed
            # spread the clients' schedules evenly over one interval
            next_send = t0 + interval * k / clients
            for _ in range(max_requests):
                now = time.perf_counter()
                if interval:
                    if next_send > now:
                        await asyncio.sleep(next_send - now)
                        now = time.perf_counter()
                    # slots that passed while the last request was out are
                    # skipped, not sent late in a burst
                    due = 1 + int((now - next_send) / interval)
                    slots += due
                    missed += due - 1
                    next_send += due * interval
                if now >= deadline:
                    return
                try:
                    status, body = await post(session, url, ME_PROBE, headers=headers)
                except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                    continue
                elapsed = time.perf_counter() - now
                me = (body.get("data") or {}).get("me") or {}
                if status == 200 and not body.get("errors") and me.get("id") == expect_id:
                    latencies.append(elapsed)
                else:
                    for code in error_codes(body) or [f"HTTP_{status}"]:
                        errors[code] = errors.get(code, 0) + 1

        await asyncio.gather(*(client(k) for k in range(clients)))
        wall = time.perf_counter() - t0
    return {"latencies": latencies, "errors": errors, "wall": wall,
            "missed": missed / slots if slots else 0.0}


def run_probe(url: str, token: str, expect_id: str, clients: int, rate: float,
              start_at: float, secs: float) -> dict:
    return asyncio.run(_probe(url, token, expect_id, clients, rate, start_at, secs))


# --------------------------------------------------------------------------
# Setup: accounts


# Existing accounts to sign in as instead of signing up new ones (signUp
# now mails a link before the account exists): a str.format pattern of the
# index and their shared password, set by --existing-accounts.
EXISTING: str | None = None


def account_email(run_id: str, i: int) -> str:
    if EXISTING:
        return EXISTING.format(i + 1)
    return f"bench-{run_id}-{i}@example.com"


def account_ip(i: int) -> str:
    """A distinct documentation-range-free private address per account (10.x.y.z)."""
    n = i + 1  # skip 10.0.0.0
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


async def sign_up_range(session: aiohttp.ClientSession, url: str, run_id: str,
                        start: int, stop: int, concurrency: int,
                        deadline: float) -> tuple[list[int], dict[str, int]]:
    """Signs up accounts start..stop-1; returns the indices that succeeded."""
    created: list[int] = []
    errors: dict[str, int] = {}
    queue = iter(range(start, stop))

    async def worker() -> None:
        for i in queue:  # shared iterator: each index once
            if time.monotonic() >= deadline:
                return
            variables = {"i": {"email": account_email(run_id, i), "password": PASSWORD,
                               "displayName": f"Bench {i}"}}
            try:
                status, body = await post(session, url, SIGN_UP, variables)
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                continue
            if status == 200 and ((body.get("data") or {}).get("signUp") or {}).get("accessToken"):
                created.append(i)
            else:
                for code in error_codes(body) or [f"HTTP_{status}"]:
                    errors[code] = errors.get(code, 0) + 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sorted(created), errors


# --------------------------------------------------------------------------
# Storm: C sign-in clients


async def storm(session: aiohttp.ClientSession, url: str, run_id: str,
                accounts: list[int], clients: int, secs: float) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    ok_in_window = 0
    exhausted = 0  # clients that ran out of account budget before the deadline
    t0 = time.perf_counter()
    deadline = t0 + secs

    async def client(k: int) -> None:
        nonlocal ok_in_window, exhausted
        mine = accounts[k::clients]
        # each account (and so each address) at most PER_ACCOUNT_BUDGET times,
        # round-robin so one account's sign-ins are spread out in time
        for _round in range(PER_ACCOUNT_BUDGET):
            for i in mine:
                start = time.perf_counter()
                if start >= deadline:
                    return
                variables = {"i": {"email": account_email(run_id, i), "password": PASSWORD}}
                try:
                    status, body = await post(session, url, SIGN_IN, variables,
                                              headers={"X-Forwarded-For": account_ip(i)})
                except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                    continue
                end = time.perf_counter()
                payload = (body.get("data") or {}).get("signIn") or {}
                if status == 200 and not body.get("errors") and payload.get("accessToken"):
                    latencies.append(end - start)
                    if end <= deadline:
                        ok_in_window += 1
                else:
                    for code in error_codes(body) or [f"HTTP_{status}"]:
                        errors[code] = errors.get(code, 0) + 1
        if time.perf_counter() < deadline:
            exhausted += 1

    await asyncio.gather(*(client(k) for k in range(clients)))
    window = min(time.perf_counter(), deadline) - t0
    return {"latencies": latencies, "errors": errors, "ok_in_window": ok_in_window,
            "window": window, "exhausted": exhausted}


# --------------------------------------------------------------------------


class CpuMeter:
    """Where the machine's CPU time goes during a phase: vellum, its
    PostgreSQL, this benchmark (load generator and probe), and everything
    else (other work on a shared machine skews the results)."""

    HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, server_pid: int | None, pg_pidfile: str | None) -> None:
        self.server_pid = server_pid
        self.pg_pidfile = pg_pidfile
        self.start: dict | None = None

    @staticmethod
    def _procs() -> dict[int, tuple[int, int]]:
        """pid -> (ppid, utime+stime jiffies) for every process."""
        out = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", encoding="utf-8") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                out[int(name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
            except (OSError, IndexError, ValueError):
                continue
        return out

    def _postmaster(self) -> int | None:
        try:
            with open(self.pg_pidfile or "", encoding="utf-8") as f:
                return int(f.readline())
        except (OSError, ValueError):
            return None

    def sample(self) -> dict | None:
        try:
            with open("/proc/stat", encoding="utf-8") as f:
                cpu = [int(x) for x in f.readline().split()[1:9]]
            procs = self._procs()
        except (OSError, ValueError):
            return None
        user, nice, system, idle, iowait, irq, softirq, steal = cpu
        pm = self._postmaster()
        me = os.getpid()
        return {
            "t": time.monotonic(),
            "busy": user + nice + system + irq + softirq,
            "idle": idle + iowait,
            "steal": steal,
            "vellum": procs.get(self.server_pid, (0, 0))[1] if self.server_pid else 0,
            "postgres": sum(j for pid, (pp, j) in procs.items() if pm and (pid == pm or pp == pm)),
            "bench": sum(j for pid, (pp, j) in procs.items() if pid == me or pp == me),
            "known_pg": pm is not None,
        }

    def begin(self) -> None:
        self.start = self.sample()

    def end(self) -> dict | None:
        a, b = self.start, self.sample()
        if not a or not b:
            return None
        secs = max(b["t"] - a["t"], 1e-6) * self.HZ
        d = {k: max(0, b[k] - a[k]) / secs for k in ("busy", "idle", "steal", "vellum",
                                                     "postgres", "bench")}
        d["secs"] = b["t"] - a["t"]
        d["other"] = max(0.0, d["busy"] - d["vellum"] - d["postgres"] - d["bench"])
        d["known_pg"] = b["known_pg"]
        return d


def machine_facts() -> list[tuple[str, str]]:
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = f"{int(line.split()[1]) / 1048576:.1f} GiB"
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return [
        ("nproc", str(usable)),
        ("cpu", cpu),
        ("memory", mem),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("python", f"{platform.python_version()}, aiohttp {aiohttp.__version__}"),
    ]


def ms(x: float) -> str:
    return "-" if math.isnan(x) else f"{x * 1000:.1f}"


def fmt_errors(errors: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(errors.items())) or "none"


async def scrape_metrics(session: aiohttp.ClientSession, base: str) -> dict | None:
    """RATE_LIMITED errors so far, and the server's own duration sum/count
    for anonymous operations (the `{ me { id } }` probe is the only one
    sent during the measurements)."""
    try:
        async with session.get(base + "/metrics") as resp:
            text = await resp.text()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return None
    out = {"rate_limited": 0, "anon_sum": 0.0, "anon_count": 0.0}
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        if name.startswith("vellum_graphql_errors_total{") and 'code="RATE_LIMITED"' in name:
            out["rate_limited"] += int(float(value))
        elif name == 'vellum_graphql_request_duration_seconds_sum{operation="anonymous"}':
            out["anon_sum"] = float(value)
        elif name == 'vellum_graphql_request_duration_seconds_count{operation="anonymous"}':
            out["anon_count"] = float(value)
    return out


def server_mean(before: dict | None, after: dict | None) -> float:
    """Mean server-side duration of the anonymous operations between two scrapes."""
    if not before or not after or after["anon_count"] <= before["anon_count"]:
        return float("nan")
    return (after["anon_sum"] - before["anon_sum"]) / (after["anon_count"] - before["anon_count"])


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


async def main_async(args: argparse.Namespace) -> int:
    url = args.url.rstrip("/")
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        log(f"refusing non-loopback URL {url}")
        return 2
    gql = url + "/graphql"
    storm_clients = [int(c) for c in args.storm_clients.split(",") if c.strip()]
    if not storm_clients or any(c < 1 or c > 1024 for c in storm_clients):
        log("--storm-clients: comma-separated counts between 1 and 1024")
        return 2
    run_id = secrets.token_hex(4)
    rate_limited = 0
    bench_t0 = time.monotonic()
    meter = CpuMeter(args.server_pid, args.pg_pidfile)
    load_start = loadavg()
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    loop = asyncio.get_running_loop()
    # start the probe worker process now, not inside the first measurement
    await loop.run_in_executor(pool, percentile, [1.0], 50)

    async with new_session(max(storm_clients) + 16) as session:
        status, body = await post(session, gql, "{ version }")
        version = (body.get("data") or {}).get("version", "?")

        # ---- setup: accounts --------------------------------------------
        # Calibrate: the first batch measures how fast this machine hashes
        # (sign-up and sign-in each cost one Argon2 run), then sign up enough
        # accounts that no storm runs out of per-account budget.
        setup_deadline = time.monotonic() + args.setup_max_secs
        if EXISTING:
            created = list(range(args.accounts))
            su_errors: dict[str, int] = {}
            log(f"using {len(created)} existing accounts ({EXISTING.format(1)}, ...)")
        else:
            first = max(args.accounts, max(storm_clients))
            t = time.perf_counter()
            created, su_errors = await sign_up_range(session, gql, run_id, 0, first,
                                                     args.signup_concurrency, setup_deadline)
            rate = len(created) / max(time.perf_counter() - t, 1e-6)
            if not created:
                log(f"no account could be created: {fmt_errors(su_errors)}")
                return 1
            # sign-ins can outrun sign-ups (less database work): budget 2x
            per_storm = math.ceil(2.0 * rate * args.storm_secs / PER_ACCOUNT_BUDGET)
            per_storm = max(per_storm, max(storm_clients))
            want = min(args.max_accounts, per_storm * len(storm_clients))
            if want > first:
                more, more_errors = await sign_up_range(session, gql, run_id, first, want,
                                                        args.signup_concurrency, setup_deadline)
                created += more
                for k, v in more_errors.items():
                    su_errors[k] = su_errors.get(k, 0) + v
            rate_limited += su_errors.get("RATE_LIMITED", 0)
            log(f"signed up {len(created)} accounts ({rate:.1f}/s while calibrating; "
                f"errors: {fmt_errors(su_errors)})")

        # the probe's user: the first account, signed in once (budget spent: 1)
        probe_idx = created[0]
        status, body = await post(session, gql, SIGN_IN,
                                  {"i": {"email": account_email(run_id, probe_idx), "password": PASSWORD}},
                                  headers={"X-Forwarded-For": "10.255.255.254"})
        token = ((body.get("data") or {}).get("signIn") or {}).get("accessToken")
        if not token:
            log(f"probe sign-in failed: {body}")
            return 1
        status, body = await post(session, gql, ME, headers={"Authorization": f"Bearer {token}"})
        me_id = ((body.get("data") or {}).get("me") or {}).get("id")
        if not me_id:
            log(f"`me` failed with the probe token: {body}")
            return 1
        # one sign-in at a time, no other load: what a single hash costs here
        solo_accounts = created[1:1 + SOLO_ACCOUNTS]
        storm_accounts = created[1 + SOLO_ACCOUNTS:]
        log(f"solo: {len(solo_accounts) * PER_ACCOUNT_BUDGET} sign-ins one at a time")
        solo = await storm(session, gql, run_id, solo_accounts, 1, 15.0)
        rate_limited += solo["errors"].get("RATE_LIMITED", 0)
        share = len(storm_accounts) // len(storm_clients)
        if share < max(storm_clients):
            log(f"only {len(created)} accounts could be signed up ({fmt_errors(su_errors)}); "
                f"each storm needs at least {max(storm_clients)}")
            return 1

        probe_args = (gql, token, me_id, args.probe_clients, args.probe_rate)

        # ---- baseline -----------------------------------------------------
        log(f"baseline: {args.probe_clients} `me` clients for {args.baseline_secs:g}s")
        before = await scrape_metrics(session, url)
        start_at = time.time() + 0.5
        probe_future = loop.run_in_executor(pool, run_probe, *probe_args, start_at,
                                            args.baseline_secs)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        meter.begin()
        baseline = await probe_future
        baseline["cpu"] = meter.end()
        baseline["server_mean"] = server_mean(before, await scrape_metrics(session, url))
        rows = [("baseline (no sign-ins)", None, baseline)]

        # ---- storms -------------------------------------------------------
        storms = [("1 (solo)", solo)]
        for n, c in enumerate(storm_clients):
            await asyncio.sleep(args.settle_secs)
            mine = storm_accounts[n * share:(n + 1) * share]
            log(f"storm: {c} sign-in clients over {len(mine)} accounts + "
                f"{args.probe_clients} `me` clients for {args.storm_secs:g}s")
            before = await scrape_metrics(session, url)
            start_at = time.time() + 0.5
            probe_future = loop.run_in_executor(pool, run_probe, *probe_args, start_at,
                                                args.storm_secs)
            await asyncio.sleep(max(0.0, start_at - time.time()))
            meter.begin()
            result = await storm(session, gql, run_id, mine, c, args.storm_secs)
            probe = await probe_future
            probe["cpu"] = meter.end()
            probe["server_mean"] = server_mean(before, await scrape_metrics(session, url))
            rate_limited += result["errors"].get("RATE_LIMITED", 0)
            rate_limited += probe["errors"].get("RATE_LIMITED", 0)
            storms.append((str(c), result))
            rows.append((f"storm, {c} sign-in client{'' if c == 1 else 's'}", c, probe))
        rate_limited += baseline["errors"].get("RATE_LIMITED", 0)
        final = await scrape_metrics(session, url)
        server_rate_limited = final["rate_limited"] if final else None
    pool.shutdown()

    # ---- report -----------------------------------------------------------
    out = []
    w = out.append
    w("")
    w("=" * 78)
    w("Vellum auth benchmark: sign-in storm vs `{ me { id } }` latency")
    w("=" * 78)
    w(f"command : {args.command or ' '.join(sys.argv)}")
    for k, v in machine_facts():
        w(f"{k:<8}: {v}")
    w(f"vellum  : {version} (release build, embedded PostgreSQL, RUST_LOG=warn)")
    pacing = (f"{args.probe_rate:g} req/s each (paced, 1 in flight per client)"
              if args.probe_rate > 0 else "unpaced (closed loop, back to back)")
    w(f"probe   : {args.probe_clients} clients, own process, {pacing}")
    w(f"setup   : {len(created)} accounts {'existing' if EXISTING else 'signed up'}; "
      f"each storm uses its own {share}, "
      f"<= {PER_ACCOUNT_BUDGET} sign-ins per account, one X-Forwarded-For address per account")
    w("")
    w("Sign-in throughput (successful signIn mutations in the window; latency in ms,")
    w(" including the wait for one of the server's hash permits)")
    hdr = f"{'clients':>8} {'ok/s':>7} {'ok':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  errors"
    w(hdr)
    w("-" * len(hdr))
    for c, r in storms:
        s = summarize(r["latencies"])
        note = fmt_errors(r["errors"])
        if r["exhausted"] and r is not solo:
            note += f"  (!) {r['exhausted']} clients ran out of accounts: ok/s is a lower bound"
        w(f"{c:>8} {r['ok_in_window'] / r['window']:>7.1f} {r['ok_in_window']:>6} "
          f"{ms(s['p50']):>7} {ms(s['p95']):>7} {ms(s['p99']):>7} {ms(s['max']):>7}  {note}")
    w(f"(solo: {SOLO_ACCOUNTS * PER_ACCOUNT_BUDGET} sign-ins one after another with no other "
      "load: the cost of one sign-in)")
    w("")
    w("`{ me { id } }` latency (ms; client-measured; srv = server-side mean from /metrics;")
    w(" missed = paced slots skipped while the previous answer was still out)")
    hdr = (f"{'scenario':<26} {'req/s':>6} {'n':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
           f"{'max':>6} {'srv':>5} {'missed':>6}  errors")
    w(hdr)
    w("-" * len(hdr))
    base = summarize(baseline["latencies"])
    for name, _c, p in rows:
        s = summarize(p["latencies"])
        w(f"{name:<26} {s['n'] / p['wall']:>6.0f} {s['n']:>6} {ms(s['p50']):>6} "
          f"{ms(s['p95']):>6} {ms(s['p99']):>6} {ms(s['max']):>6} {ms(p['server_mean']):>5} "
          f"{p['missed'] * 100:>5.1f}%  {fmt_errors(p['errors'])}")
    w("")

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.1f}x" if b and not (math.isnan(a) or math.isnan(b)) else "-"

    w(f"CPU use per phase, in cores (of {machine_facts()[0][1]}); 'other' is work on the machine "
      "outside this benchmark")
    hdr = (f"{'scenario':<26} {'vellum':>6} {'pg':>5} {'bench':>5} {'other':>5} {'idle':>5} "
           f"{'steal':>5}")
    w(hdr)
    w("-" * len(hdr))
    for name, _c, p in rows:
        cpu = p.get("cpu")
        if not cpu:
            w(f"{name:<26} (unavailable)")
            continue
        pg = f"{cpu['postgres']:.2f}" if cpu["known_pg"] else "?"
        w(f"{name:<26} {cpu['vellum']:>6.2f} {pg:>5} {cpu['bench']:>5.2f} "
          f"{cpu['other']:>5.2f} {cpu['idle']:>5.2f} {cpu['steal']:>5.2f}")
    w("")
    for name, _c, p in rows[1:]:
        s = summarize(p["latencies"])
        w(f"{name}: me p50 {ratio(s['p50'], base['p50'])}, p95 {ratio(s['p95'], base['p95'])}, "
          f"p99 {ratio(s['p99'], base['p99'])}, max {ratio(s['max'], base['max'])} of baseline")
    w(f"RATE_LIMITED responses: {rate_limited} seen by the benchmark"
      + (f", {server_rate_limited} counted by the server (/metrics)"
         if server_rate_limited is not None else ""))
    w(f"load avg: {load_start} at start, {loadavg()} at end (1/5/15 min; other work on the "
      "machine skews results)")
    w(f"elapsed : {time.monotonic() - bench_t0:.0f} s")
    w("=" * 78)
    print("\n".join(out), flush=True)

    if args.json:
        def phase(p: dict) -> dict:
            s = summarize(p["latencies"])
            cpu = p.get("cpu")
            return {"n": s["n"], "rate": s["n"] / p["wall"] if p["wall"] else float("nan"),
                    "p50_ms": s["p50"] * 1000, "p99_ms": s["p99"] * 1000,
                    "errors": p["errors"], "missed": p["missed"],
                    "vellum_cpu_s": cpu["vellum"] * cpu["secs"] if cpu else None}

        storm_rows = []
        for (c, r), (_name, _c, probe) in zip(storms[1:], rows[1:]):
            s = summarize(r["latencies"])
            storm_rows.append({
                "clients": int(c), "ok": r["ok_in_window"], "window": r["window"],
                "rate": r["ok_in_window"] / r["window"] if r["window"] else float("nan"),
                "p50_ms": s["p50"] * 1000, "p99_ms": s["p99"] * 1000,
                "errors": r["errors"], "exhausted": r["exhausted"], "me": phase(probe)})
        summary = {"baseline": phase(baseline), "storms": storm_rows,
                   "solo_rate": solo["ok_in_window"] / solo["window"] if solo["window"] else None,
                   "rate_limited": rate_limited or server_rate_limited or 0}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f)
            f.write("\n")

    if rate_limited or server_rate_limited:
        log(f"FAILED: {rate_limited or server_rate_limited} requests were RATE_LIMITED; "
            "the numbers above measure the limiter, not hashing")
        return 3
    return 0


def main() -> int:
    global EXISTING, PASSWORD
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True, help="base URL of vellum, e.g. http://127.0.0.1:8080")
    p.add_argument("--accounts", type=int, default=200,
                   help="accounts signed up first, to calibrate (more follow as needed)")
    p.add_argument("--max-accounts", type=int, default=4000)
    p.add_argument("--signup-concurrency", type=int, default=8)
    p.add_argument("--setup-max-secs", type=float, default=60.0)
    p.add_argument("--baseline-secs", type=float, default=10.0)
    p.add_argument("--storm-secs", type=float, default=20.0)
    p.add_argument("--storm-clients", default="16,64", help="comma-separated, one storm each")
    p.add_argument("--probe-clients", type=int, default=8)
    p.add_argument("--probe-rate", type=float, default=25.0,
                   help="`me` requests per second per probe client; 0 = back to back")
    p.add_argument("--settle-secs", type=float, default=2.0, help="pause before each storm")
    p.add_argument("--command", default="", help="command line to print in the report")
    p.add_argument("--server-pid", type=int, default=None,
                   help="vellum's pid, to report its CPU use")
    p.add_argument("--pg-pidfile", default=None,
                   help="the embedded PostgreSQL's postmaster.pid, to report its CPU use")
    p.add_argument("--existing-accounts", default=None, metavar="PATTERN",
                   help="sign in as existing accounts instead of signing up: a str.format "
                        "pattern of 1, 2, ... (with --accounts of them and --password), "
                        "e.g. 'author-{:03d}@demo.vellum.test' after seed-demo --authors")
    p.add_argument("--password", default=PASSWORD,
                   help="the password of every account (default: the one sign-up sets)")
    p.add_argument("--json", default=None,
                   help="also write the figures as one JSON object to this file")
    args = p.parse_args()
    for name in ("baseline_secs", "storm_secs", "setup_max_secs"):
        v = getattr(args, name)
        if not 0 < v <= 120:
            p.error(f"--{name.replace('_', '-')} must be in (0, 120]")
    if not 1 <= args.probe_clients <= 256 or not 0 <= args.probe_rate <= 10000:
        p.error("--probe-clients in 1..256, --probe-rate in 0..10000")
    if not 1 <= args.accounts <= args.max_accounts <= 20000:
        p.error("need 1 <= --accounts <= --max-accounts <= 20000")
    EXISTING = args.existing_accounts
    PASSWORD = args.password
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
