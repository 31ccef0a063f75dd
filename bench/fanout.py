#!/usr/bin/env python3
"""Subscription fan-out for a running `vellum serve` (see script/bench-fanout).

Subcommands
  run     one fan-out measurement: opens N anonymous graphql-transport-ws
          subscribers to `contentEvents(filter: {types: [PUBLISHED]})`, spread
          over --workers client processes, reads the server's VmRSS before
          and after (memory per connection), then as the admin creates and
          publishes one article per round and measures, for every subscriber,
          the time from the publishContent HTTP response returning to the
          event with that contentId arriving; appends one JSON line to --out
  worker  (internal) one client process: holds its share of the sockets and
          timestamps every event as it arrives
  table   prints the JSON lines of `run` as a markdown table

The client is a minimal WebSocket implementation on asyncio protocols (no
per-socket task, no JSON parsing of events: the contentId is cut out of the
frame), so that the client costs as little CPU as possible: it shares the
machine with the server and PostgreSQL. Times are CLOCK_MONOTONIC, which is
comparable across processes. Every wait has a timeout; traffic goes only to
--url, which must be a loopback address. Needs aiohttp (for the publisher's
HTTP requests; script/bench-fanout installs it).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import hashlib
import json
import math
import os
import resource
import struct
import sys
import time
import urllib.parse

SUBSCRIPTION = (
    "subscription { contentEvents(filter: {types: [PUBLISHED]}) { kind contentId } }"
)
SIGN_IN = "mutation SignIn($i: SignInInput!) { signIn(input: $i) { accessToken } }"
CREATE = (
    "mutation Create($i: CreateContentInput!) "
    "{ createContent(input: $i) { content { id } } }"
)
PUBLISH = (
    "mutation Publish($i: ContentIdInput!) "
    "{ publishContent(input: $i) { content { id status } } }"
)
WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CONTENT_ID = b'"contentId":"'


def loopback_url(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"--url must be http:// on a loopback address, not {url!r}")
    return parts


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of unsorted values."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def ms(v: float | None) -> float | None:
    return None if v is None else round(v * 1000, 2)


# --------------------------------------------------------------------------
# worker: the client sockets
# --------------------------------------------------------------------------

def ws_frame(text: str) -> bytes:
    """A masked client text frame."""
    payload = text.encode()
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x81, 0x80 | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
    masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
    return head + mask + masked


def ws_control(opcode: int, payload: bytes = b"") -> bytes:
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
    return struct.pack("!BB", 0x80 | opcode, 0x80 | len(payload)) + mask + masked


INIT_FRAME = ws_frame(json.dumps({"type": "connection_init", "payload": {}}))
SUBSCRIBE_FRAME = ws_frame(json.dumps(
    {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))


class Worker:
    def __init__(self, host: str, port: int, expect_closed: bool = False):
        self.host = host
        self.port = port
        self.subscribed = 0          # sockets that got connection_ack and sent subscribe
        self.conns: list[Conn] = []
        self.got: dict[bytes, list[float]] = collections.defaultdict(list)
        self.waiting: dict[bytes, asyncio.Event] = {}
        self.failures: collections.Counter[str] = collections.Counter()  # while connecting
        self.ended: collections.Counter[str] = collections.Counter()     # after subscribing
        self.errors: collections.Counter[str] = collections.Counter()    # error/complete messages
        self.stopping = False

    def deliver(self, cid: bytes, t: float) -> None:
        times = self.got[cid]
        times.append(t)
        ev = self.waiting.get(cid)
        if ev is not None and len(times) >= self.subscribed:
            ev.set()


class Conn(asyncio.Protocol):
    __slots__ = ("w", "transport", "buf", "open", "key", "ready", "done", "close_code",
                 "frag")

    def __init__(self, w: Worker, ready: asyncio.Future):
        self.w = w
        self.transport = None
        self.buf = bytearray()
        self.open = False
        self.key = base64.b64encode(os.urandom(16))
        self.ready = ready      # resolves to None (subscribed) or a failure reason
        self.done = False       # subscribed
        self.close_code = None
        self.frag = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(
            b"GET /graphql HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
            % (self.w.host.encode(), self.w.port, self.key))

    def fail(self, reason: str) -> None:
        if not self.ready.done():
            self.ready.set_result(reason)
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data):
        t = time.monotonic()
        buf = self.buf
        buf += data
        if not self.open:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > 16384:
                    self.fail("oversized handshake response")
                return
            head = bytes(buf[:end]).decode("latin-1").split("\r\n")
            del buf[:end + 4]
            status = head[0].split(" ", 2)
            if len(status) < 2 or status[1] != "101":
                self.fail(f"handshake refused: {head[0].strip()}")
                return
            headers = {}
            for line in head[1:]:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
            accept = base64.b64encode(hashlib.sha1(self.key + WS_GUID).digest()).decode()
            if headers.get("sec-websocket-accept") != accept:
                self.fail("bad Sec-WebSocket-Accept")
                return
            if headers.get("sec-websocket-protocol") != "graphql-transport-ws":
                self.fail("server did not pick graphql-transport-ws")
                return
            self.open = True
            self.transport.write(INIT_FRAME)
        # frames (the server never masks)
        while True:
            n = len(buf)
            if n < 2:
                return
            b0 = buf[0]
            ln = buf[1] & 0x7F
            pos = 2
            if ln == 126:
                if n < 4:
                    return
                ln = (buf[2] << 8) | buf[3]
                pos = 4
            elif ln == 127:
                if n < 10:
                    return
                ln = struct.unpack_from("!Q", buf, 2)[0]
                pos = 10
            if n < pos + ln:
                return
            payload = bytes(buf[pos:pos + ln])
            del buf[:pos + ln]
            opcode = b0 & 0x0F
            fin = b0 & 0x80
            if opcode == 0x0:  # continuation
                if self.frag is None:
                    self.fail("unexpected continuation frame")
                    return
                self.frag += payload
                if fin:
                    payload, self.frag = bytes(self.frag), None
                    self.on_message(payload, t)
            elif opcode in (0x1, 0x2):
                if fin:
                    self.on_message(payload, t)
                else:
                    self.frag = bytearray(payload)
            elif opcode == 0x9:  # ping
                self.transport.write(ws_control(0xA, payload[:125]))
            elif opcode == 0x8:  # close
                code = struct.unpack_from("!H", payload)[0] if len(payload) >= 2 else 1005
                reason = payload[2:].decode("utf-8", "replace")
                self.close_code = f"close {code} {reason}".strip()
                self.fail(self.close_code)
                return

    def on_message(self, msg: bytes, t: float) -> None:
        i = msg.find(CONTENT_ID)
        if i >= 0 and msg.startswith(b'{"type":"next"'):
            i += len(CONTENT_ID)
            self.w.deliver(msg[i:i + 36], t)
            return
        try:
            obj = json.loads(msg)
        except ValueError:
            self.w.errors["unparsable message"] += 1
            return
        kind = obj.get("type")
        if kind == "connection_ack":
            self.transport.write(SUBSCRIBE_FRAME)
            self.done = True
            if not self.ready.done():
                self.ready.set_result(None)
        elif kind == "ping":
            self.transport.write(ws_frame('{"type":"pong"}'))
        elif kind == "pong":
            pass
        else:
            detail = ""
            payload = obj.get("payload")
            if isinstance(payload, list) and payload:
                detail = str(payload[0].get("message", ""))[:120]
            elif isinstance(payload, dict) and payload.get("errors"):
                detail = str(payload["errors"][0].get("message", ""))[:120]
            self.w.errors[f"{kind}: {detail}".strip()] += 1

    def connection_lost(self, exc):
        if not self.ready.done():
            self.ready.set_result(self.close_code or f"connection lost: {exc or 'EOF'}")
        if self.done and not self.w.stopping:
            self.w.ended[self.close_code or f"connection lost: {exc or 'EOF'}"] += 1


async def worker_main(args) -> None:
    loop = asyncio.get_running_loop()
    w = Worker(args.host, args.port)
    sem = asyncio.Semaphore(args.concurrency)

    async def one() -> None:
        async with sem:
            ready = loop.create_future()
            try:
                transport, conn = await asyncio.wait_for(
                    loop.create_connection(lambda: Conn(w, ready), args.host, args.port),
                    args.step_timeout)
            except asyncio.TimeoutError:
                w.failures["TCP connect timed out"] += 1
                return
            except OSError as err:
                w.failures[f"connect: {err.strerror or err}"] += 1
                return
            try:
                reason = await asyncio.wait_for(asyncio.shield(ready), args.step_timeout)
            except asyncio.TimeoutError:
                reason = "no connection_ack in time"
                transport.abort()
            if reason is None:
                w.conns.append(conn)
                w.subscribed += 1
            else:
                w.failures[reason] += 1

    t0 = time.monotonic()
    await asyncio.gather(*(one() for _ in range(args.count)))
    t1 = time.monotonic()
    out = sys.stdout

    def say(obj) -> None:
        out.write(json.dumps(obj) + "\n")
        out.flush()

    say({"ready": w.subscribed, "failures": dict(w.failures), "t0": t0, "t1": t1})

    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = json.loads(line)
        if cmd["cmd"] == "collect":
            cid = cmd["cid"].encode()
            ev = asyncio.Event()
            w.waiting[cid] = ev
            if len(w.got.get(cid, ())) >= w.subscribed:
                ev.set()
            try:
                await asyncio.wait_for(ev.wait(), max(0.0, cmd["deadline"] - time.monotonic()))
            except asyncio.TimeoutError:
                pass
            del w.waiting[cid]
            times = w.got.pop(cid, [])
            say({"cid": cmd["cid"], "times": times, "subscribed": w.subscribed})
        elif cmd["cmd"] == "status":
            live = sum(1 for c in w.conns if not c.transport.is_closing())
            ru = resource.getrusage(resource.RUSAGE_SELF)
            say({"live": live, "ended": dict(w.ended), "errors": dict(w.errors),
                 "cpu": ru.ru_utime + ru.ru_stime, "maxrss_kib": ru.ru_maxrss})
        elif cmd["cmd"] == "quit":
            break
    w.stopping = True
    for c in w.conns:
        c.transport.abort()
    say({"bye": True})


# --------------------------------------------------------------------------
# run: the coordinator and publisher
# --------------------------------------------------------------------------

def vm_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def thread_cpu(pid: int) -> dict[str, tuple[str, int]]:
    """tid -> (thread name, CPU nanoseconds) from /proc/PID/task/*/schedstat."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                ns = int(f.read().split()[0])
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
        except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
            continue
        out[tid] = (name, ns)
    return out


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    total = sum(fields[:8])  # guest time is already in user
    idle = fields[3] + fields[4]
    return (total - idle) / tick, total / tick


def cpu_secs(pid: int) -> float:
    """CPU time of a process (all its threads), in seconds: the sum of
    /proc/PID/task/*/schedstat (nanoseconds), or utime + stime (clock ticks)
    without schedstats."""
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
            except FileNotFoundError:  # a thread that just ended
                pass
        return total / 1e9
    except (OSError, ValueError, IndexError):
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Client:
    def __init__(self, proc: asyncio.subprocess.Process, count: int):
        self.proc = proc
        self.count = count

    async def send(self, obj) -> None:
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        await self.proc.stdin.drain()

    async def recv(self, timeout: float):
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        if not line:
            raise RuntimeError(f"client process {self.proc.pid} exited "
                               f"(status {await self.proc.wait()})")
        return json.loads(line)


def open_files_limit(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/limits") as f:
            for line in f:
                if line.startswith("Max open files"):
                    return line.split()[3]
    except OSError:
        pass
    return None


async def run_main(args, result: dict) -> int:
    import aiohttp

    parts = loopback_url(args.url)
    host, port = parts.hostname, parts.port or 80
    gql = args.url.rstrip("/") + "/graphql"
    timeout = aiohttp.ClientTimeout(total=30)
    result["server_open_files_limit"] = open_files_limit(args.server_pid)
    clients: list[Client] = []
    status = 0

    async with aiohttp.ClientSession(timeout=timeout) as http:
        async def call(query, variables, token=None):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            op = query.split("(", 1)[0].split()[-1]
            try:
                async with http.post(gql, json={"query": query, "variables": variables},
                                     headers=headers) as resp:
                    body = await resp.json(content_type=None)
            except asyncio.TimeoutError:
                raise RuntimeError(f"{op}: no answer within {timeout.total:.0f} s") from None
            except aiohttp.ClientError as err:
                raise RuntimeError(f"{op}: {type(err).__name__}: {err}") from None
            if body.get("errors"):
                raise RuntimeError(f"GraphQL error: {body['errors'][0].get('message')}")
            return body["data"]

        token = (await call(SIGN_IN, {"i": {"email": args.email, "password": args.password}})
                 )["signIn"]["accessToken"]
        if not token:
            raise RuntimeError("signIn returned no access token (two-factor?)")
        serial = 0

        async def create() -> str:
            nonlocal serial
            serial += 1
            data = await call(CREATE, {"i": {
                "type": "article",
                "title": f"Fan-out {args.subscribers} #{serial} {os.getpid()}",
                "body": "<p>fan-out benchmark</p>"}}, token)
            return data["createContent"]["content"]["id"]

        async def publish(cid: str) -> None:
            data = await call(PUBLISH, {"i": {"id": cid}}, token)
            if data["publishContent"]["content"]["status"] != "PUBLISHED":
                raise RuntimeError(f"publishContent left {cid} in "
                                   f"{data['publishContent']['content']['status']}")

        # Warm the server's paths with nobody listening, then the baseline.
        for _ in range(3):
            await publish(await create())
        await asyncio.sleep(1.0)
        rss_before = vm_rss_kib(args.server_pid)

        # Connect: the sockets are split over the client processes.
        per = [args.subscribers // args.workers + (1 if i < args.subscribers % args.workers else 0)
               for i in range(args.workers)]
        me = os.path.abspath(__file__)
        loop = args.loop
        if loop == "auto":
            try:
                import uvloop  # noqa: F401, PLC0415
                loop = "uvloop"
            except ImportError:
                loop = "asyncio"
        result["client_loop"] = loop
        try:
            for count in per:
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, me, "worker", "--host", host, "--port", str(port),
                    "--count", str(count), "--concurrency", str(args.concurrency),
                    "--step-timeout", str(args.step_timeout), "--loop", loop,
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                    limit=64 << 20)
                clients.append(Client(proc, count))
            readies = await asyncio.gather(*(c.recv(args.connect_timeout) for c in clients))
            subscribed = sum(r["ready"] for r in readies)
            failures: collections.Counter[str] = collections.Counter()
            for r in readies:
                failures.update(r["failures"])
            connect_secs = max(r["t1"] for r in readies) - min(r["t0"] for r in readies)
            result.update(subscribed=subscribed, connect_failures=dict(failures),
                          connect_secs=round(connect_secs, 3))
            print(f"  {subscribed}/{args.subscribers} subscribed in {connect_secs:.2f} s"
                  + (f"; refused/failed: {dict(failures)}" if failures else ""), flush=True)
            if failures:
                status = 1
            if subscribed == 0:
                raise RuntimeError("no subscriber connected")

            await asyncio.sleep(args.idle)
            rss_after = vm_rss_kib(args.server_pid)
            result.update(rss_before_kib=rss_before, rss_idle_kib=rss_after,
                          rss_per_conn_kib=round((rss_after - rss_before) / subscribed, 2))
            print(f"  server VmRSS {rss_before / 1024:.1f} MiB -> {rss_after / 1024:.1f} MiB "
                  f"({(rss_after - rss_before) / subscribed:.1f} KiB per connection)", flush=True)

            async def round_(label: str):
                cid = await create()
                # The createContent event goes through every subscriber's
                # filter too; let it pass before timing the publish.
                await asyncio.sleep(args.settle)
                cpu0 = cpu_secs(args.server_pid)
                threads0 = thread_cpu(args.server_pid)
                t0 = time.monotonic()
                await publish(cid)
                t1 = time.monotonic()
                deadline = t1 + args.delivery_timeout
                for c in clients:
                    await c.send({"cmd": "collect", "cid": cid, "deadline": deadline})
                replies = await asyncio.gather(
                    *(c.recv(args.delivery_timeout + 10) for c in clients))
                cpu1 = cpu_secs(args.server_pid)
                threads1 = thread_cpu(args.server_pid)
                busy = {tid: (name, (ns - threads0.get(tid, (name, 0))[1]) / 1e9)
                        for tid, (name, ns) in threads1.items()}
                times = [t for r in replies for t in r["times"]]
                missed = sum(r["subscribed"] for r in replies) - len(times)
                return {"cid": cid, "publish_rtt": t1 - t0, "t_return": t1,
                        "lat": [t - t1 for t in times], "missed": missed,
                        "server_cpu": cpu1 - cpu0, "threads": busy, "label": label}

            # Warm-up: proves every subscription is live (no ack exists for
            # `subscribe`); not counted unless it never completes.
            warm_missed = None
            for attempt in range(3):
                r = await round_("warm-up")
                warm_missed = r["missed"]
                if warm_missed == 0:
                    break
                print(f"  warm-up {attempt + 1}: {warm_missed} subscribers got nothing yet",
                      flush=True)
            result["warmup_missed"] = warm_missed

            client_cpu0 = 0.0
            for c in clients:
                await c.send({"cmd": "status"})
            for c in clients:
                client_cpu0 += (await c.recv(30))["cpu"]

            lasts, lasts_sent, firsts, all_lat, rtts, cpus = [], [], [], [], [], []
            missed_total = 0
            thread_busy: dict[tuple[str, str], float] = {}
            t_rounds = time.monotonic()
            machine0 = machine_cpu()
            server0 = cpu_secs(args.server_pid)
            for i in range(args.rounds):
                r = await round_(str(i + 1))
                missed_total += r["missed"]
                rtts.append(r["publish_rtt"])
                cpus.append(r["server_cpu"])
                for tid, (name, secs) in r["threads"].items():
                    thread_busy[(tid, name)] = thread_busy.get((tid, name), 0.0) + secs
                if r["lat"]:
                    lasts_sent.append(max(r["lat"]) + r["publish_rtt"])
                    lasts.append(max(r["lat"]))
                    firsts.append(min(r["lat"]))
                    all_lat.extend(r["lat"])
                print(f"  round {i + 1:2d}: publish {r['publish_rtt'] * 1000:6.1f} ms, "
                      f"first +{(min(r['lat']) if r['lat'] else float('nan')) * 1000:7.1f} ms, "
                      f"last +{(max(r['lat']) if r['lat'] else float('nan')) * 1000:7.1f} ms, "
                      f"server CPU {r['server_cpu'] * 1000:5.0f} ms"
                      + (f", MISSED {r['missed']}" if r["missed"] else ""), flush=True)
                await asyncio.sleep(args.pause)
            rounds_secs = time.monotonic() - t_rounds
            machine1 = machine_cpu()
            server_rounds = cpu_secs(args.server_pid) - server0

            ended: collections.Counter[str] = collections.Counter()
            errors: collections.Counter[str] = collections.Counter()
            client_cpu1 = 0.0
            client_rss = 0
            for c in clients:
                await c.send({"cmd": "status"})
            for c in clients:
                st = await c.recv(30)
                ended.update(st["ended"])
                errors.update(st["errors"])
                client_cpu1 += st["cpu"]
                client_rss += st["maxrss_kib"]
            result.update(
                rss_end_kib=vm_rss_kib(args.server_pid),
                missed=missed_total,
                deliveries=len(all_lat),
                last_p50_ms=ms(pct(lasts, 50)), last_p99_ms=ms(pct(lasts, 99)),
                first_p50_ms=ms(pct(firsts, 50)),
                last_from_send_p50_ms=ms(pct(lasts_sent, 50)),
                all_p50_ms=ms(pct(all_lat, 50)), all_p99_ms=ms(pct(all_lat, 99)),
                publish_p50_ms=ms(pct(rtts, 50)),
                server_cpu_per_round_ms=ms(pct(cpus, 50)),
                client_cpu_per_round_ms=ms((client_cpu1 - client_cpu0) / args.rounds),
                client_maxrss_kib=client_rss,
                rounds_secs=round(rounds_secs, 2),
                machine_busy_pct=round(100 * (machine1[0] - machine0[0])
                                       / max(1e-9, machine1[1] - machine0[1]), 1),
                server_share_pct=round(100 * server_rounds
                                       / max(1e-9, machine1[0] - machine0[0]), 1),
                client_share_pct=round(100 * (client_cpu1 - client_cpu0)
                                       / max(1e-9, machine1[0] - machine0[0]), 1),
                server_threads_ms_per_round=[
                    [name, round(secs / args.rounds * 1000, 1)]
                    for (_, name), secs in sorted(thread_busy.items(), key=lambda kv: -kv[1])
                    if secs / args.rounds >= 0.001][:6],
                ended=dict(ended), errors=dict(errors))
            if missed_total or ended or errors:
                status = 1
            if ended:
                print(f"  subscriptions that ended: {dict(ended)}", flush=True)
            if errors:
                print(f"  error messages received: {dict(errors)}", flush=True)
        finally:
            for c in clients:
                try:
                    await c.send({"cmd": "quit"})
                except (ConnectionError, RuntimeError):
                    pass
            for c in clients:
                try:
                    await asyncio.wait_for(c.proc.wait(), 15)
                except asyncio.TimeoutError:
                    c.proc.kill()
                    await c.proc.wait()

    return status


# --------------------------------------------------------------------------
# table
# --------------------------------------------------------------------------

def fmt(v, nd=1) -> str:
    if v is None:
        return "–"
    return f"{v:,.{nd}f}"


def table_main(args) -> int:
    rows = [json.loads(line) for line in open(args.file) if line.strip()]
    print("| subscribers | connect time (s) | server RSS per connection (KiB) "
          "| last subscriber p50 / p99 (ms) | all deliveries p50 / p99 (ms) "
          "| missed deliveries | publishContent p50 (ms) | server CPU per publish (ms) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        n = f"{r['subscribers']:,}"
        if r.get("subscribed") is not None and r["subscribed"] != r["subscribers"]:
            n = f"{r['subscribed']:,} of {r['subscribers']:,}"
        missed = r.get("missed")
        missed_s = "–" if missed is None else (
            f"{missed:,} of {missed + r.get('deliveries', 0):,}")
        print(f"| {n} ({r['rounds']} rounds) | {fmt(r.get('connect_secs'), 2)} "
              f"| {fmt(r.get('rss_per_conn_kib'))} "
              f"| {fmt(r.get('last_p50_ms'))} / {fmt(r.get('last_p99_ms'))} "
              f"| {fmt(r.get('all_p50_ms'))} / {fmt(r.get('all_p99_ms'))} "
              f"| {missed_s} | {fmt(r.get('publish_p50_ms'))} "
              f"| {fmt(r.get('server_cpu_per_round_ms'), 0)} |")
    notes = []
    for r in rows:
        bits = []
        if r.get("first_p50_ms") is not None:
            bits.append(f"first subscriber p50 {fmt(r['first_p50_ms'])} ms")
        if r.get("last_from_send_p50_ms") is not None:
            bits.append(f"last subscriber p50 {fmt(r['last_from_send_p50_ms'])} ms "
                        f"counted from sending publishContent")
        if r.get("client_cpu_per_round_ms") is not None:
            bits.append(f"client CPU per event {fmt(r['client_cpu_per_round_ms'], 0)} ms "
                        f"over {r['workers']} processes ({r.get('client_loop', 'asyncio')})")
        if r.get("server_threads_ms_per_round"):
            bits.append("server CPU per publish by thread: " + ", ".join(
                f"{name} {v:,.0f} ms" for name, v in r["server_threads_ms_per_round"]))
        if r.get("machine_busy_pct") is not None:
            rest = 100 - r["server_share_pct"] - r["client_share_pct"]
            bits.append(f"during the rounds the CPUs were {r['machine_busy_pct']:.0f}% busy: "
                        f"vellum {r['server_share_pct']:.0f}%, clients "
                        f"{r['client_share_pct']:.0f}%, the rest (PostgreSQL, publisher, "
                        f"anything else on the machine) {max(0.0, rest):.0f}% of that")
        if r.get("rss_end_kib") is not None:
            bits.append(f"server VmRSS {r['rss_before_kib'] / 1024:.0f} → "
                        f"{r['rss_idle_kib'] / 1024:.0f} MiB idle → "
                        f"{r['rss_end_kib'] / 1024:.0f} MiB after the rounds")
        if r.get("connect_failures"):
            bits.append(f"connections refused/failed: {r['connect_failures']} (the "
                        f"server's open-files limit was "
                        f"{r.get('server_open_files_limit') or 'unknown'})")
        if r.get("warmup_missed"):
            bits.append(f"warm-up still missing {r['warmup_missed']}")
        if r.get("ended"):
            bits.append(f"subscriptions ended: {r['ended']}")
        if r.get("errors"):
            bits.append(f"error messages: {r['errors']}")
        if r.get("error"):
            bits.append(f"run failed: {r['error']}")
        if bits:
            notes.append(f"- {r['subscribers']:,}: " + "; ".join(bits))
    if notes:
        print()
        print("\n".join(notes))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="one fan-out measurement")
    r.add_argument("--url", required=True, help="http://127.0.0.1:PORT")
    r.add_argument("--server-pid", type=int, required=True, help="vellum's pid (VmRSS, CPU)")
    r.add_argument("--subscribers", type=int, required=True)
    r.add_argument("--rounds", type=int, default=20)
    r.add_argument("--workers", type=int, default=2, help="client processes")
    r.add_argument("--concurrency", type=int, default=200,
                   help="handshakes in flight per client process")
    r.add_argument("--email", required=True)
    r.add_argument("--password", required=True)
    r.add_argument("--out", required=True, help="JSON-lines file to append the result to")
    r.add_argument("--connect-timeout", type=float, default=120,
                   help="seconds for all sockets to subscribe")
    r.add_argument("--step-timeout", type=float, default=30,
                   help="seconds for one socket's TCP connect, and then for its ack")
    r.add_argument("--delivery-timeout", type=float, default=15,
                   help="seconds after publishContent returns to wait for every event")
    r.add_argument("--idle", type=float, default=2.0,
                   help="seconds idle before reading VmRSS after connecting")
    r.add_argument("--settle", type=float, default=0.3,
                   help="seconds between createContent and publishContent")
    r.add_argument("--pause", type=float, default=0.2, help="seconds between rounds")
    r.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto",
                   help="client event loop (auto: uvloop when installed)")

    w = sub.add_parser("worker", help="(internal) one client process")
    w.add_argument("--host", required=True)
    w.add_argument("--port", type=int, required=True)
    w.add_argument("--count", type=int, required=True)
    w.add_argument("--concurrency", type=int, default=200)
    w.add_argument("--step-timeout", type=float, default=30)
    w.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio")

    t = sub.add_parser("table", help="markdown table of the run results")
    t.add_argument("file")

    args = ap.parse_args()
    if args.cmd == "table":
        return table_main(args)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.cmd == "worker":
        loop_factory = asyncio.new_event_loop
        if args.loop == "uvloop":
            import uvloop  # noqa: PLC0415 - optional, faster client
            loop_factory = uvloop.new_event_loop
        loop = loop_factory()
        try:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(worker_main(args))
        except (BrokenPipeError, KeyboardInterrupt):
            return 1
        finally:
            loop.close()
        return 0
    result: dict = {"subscribers": args.subscribers, "rounds": args.rounds,
                    "workers": args.workers}
    try:
        status = asyncio.run(run_main(args, result))
    except Exception as err:  # noqa: BLE001 - recorded, then reported
        print(f"fanout: {type(err).__name__}: {err}", file=sys.stderr)
        result["error"] = f"{type(err).__name__}: {err}"
        status = 2
    result["status"] = status
    with open(args.out, "a") as f:
        f.write(json.dumps(result) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
