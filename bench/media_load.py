"""Media library load for script/bench-media: uploads, transforms, memory.

Runs against a started `vellum serve` (its pid given, for VmRSS) as a demo
editor and prints one JSON object:

- uploads: GraphQL multipart uploads of distinct ~2 MB JPEGs by `--clients`
  clients for `--secs` seconds (uploads/s, p50/p99 ms), and the same bytes
  PUT to the direct-upload endpoint (`createUploadUrl`, local storage): the
  reference, bytes to disk with no checks, no stripping, no row.
- transforms: `--renders` distinct signed transforms of one image fetched
  once each (first render: decode, resize, encode, store) and then the same
  URLs fetched again `--hits` times in all (served from storage), p50/p99.
- memory: the peak VmRSS of vellum while 8 uploads of 50 MB stream at once.
"""

import argparse
import asyncio
import io
import json
import os
import random
import statistics
import sys
import time

import aiohttp
from PIL import Image

SIGN_IN = "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }"
UPLOAD = "mutation($f: Upload!) { uploadMedia(file: $f) { id width height } }"
CREATE_URL = ("mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) "
              "{ uploadId url } }")


def jpeg(seed: int, width: int = 1800, height: int = 1200) -> bytes:
    """A photo-like JPEG of about 2 MB: smoothed colour noise."""
    rng = random.Random(seed)
    small = (width // 3, height // 3)
    noise = rng.randbytes(small[0] * small[1] * 3)
    image = Image.frombytes("RGB", small, noise).resize((width, height), Image.BICUBIC)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=97)
    return out.getvalue()


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pct(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


class Client:
    def __init__(self, session, base, token):
        self.session, self.base, self.token = session, base, token

    @property
    def auth(self):
        return {"Authorization": f"Bearer {self.token}"}

    async def gql(self, query, variables):
        async with self.session.post(f"{self.base}/graphql", headers=self.auth,
                                     json={"query": query, "variables": variables}) as r:
            body = await r.json()
        if body.get("errors"):
            raise RuntimeError(f"{query[:40]}: {body['errors']}")
        return body["data"]

    async def upload(self, name, mime, payload):
        form = aiohttp.FormData()
        form.add_field("operations", json.dumps({"query": UPLOAD, "variables": {"f": None}}))
        form.add_field("map", json.dumps({"0": ["variables.f"]}))
        form.add_field("0", payload, filename=name, content_type=mime)
        async with self.session.post(f"{self.base}/graphql", headers=self.auth, data=form) as r:
            body = await r.json()
        if r.status != 200 or body.get("errors"):
            raise RuntimeError(f"upload of {name}: HTTP {r.status} {body}")
        return body["data"]["uploadMedia"]

    async def direct(self, payload):
        target = (await self.gql(CREATE_URL, {"i": {"filename": "d.jpg",
                                                     "size": len(payload)}}))["createUploadUrl"]
        path = target["url"][target["url"].index("/media/uploads/"):]
        async with self.session.put(f"{self.base}{path}", data=payload) as r:
            if r.status != 204:
                raise RuntimeError(f"direct PUT: HTTP {r.status} {await r.text()}")

    async def fetch(self, url, accept="image/avif,image/webp,*/*"):
        path = url[url.index("/media/"):]
        start = time.perf_counter()
        async with self.session.get(f"{self.base}{path}", headers={"Accept": accept}) as r:
            await r.read()
            if r.status != 200:
                raise RuntimeError(f"GET {path}: HTTP {r.status}")
        return (time.perf_counter() - start) * 1000


async def timed_loop(secs, clients, job):
    """Runs `job(i)` from `clients` tasks for `secs`; latencies in ms."""
    latencies, deadline = [], time.perf_counter() + secs
    counter = iter(range(10**9))

    async def worker():
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            await job(next(counter))
            latencies.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, time.perf_counter() - began


async def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--email", default="editor-001@demo.vellum.test")
    p.add_argument("--password", default="demo-password-1234")
    p.add_argument("--secs", type=float, default=10)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--renders", type=int, default=40)
    p.add_argument("--hits", type=int, default=400)
    p.add_argument("--big-mb", type=int, default=50)
    args = p.parse_args()

    timeout = aiohttp.ClientTimeout(total=600)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(f"{args.base}/graphql", json={
                "query": SIGN_IN,
                "variables": {"i": {"email": args.email, "password": args.password}}}) as r:
            token = (await r.json())["data"]["signIn"]["accessToken"]
        client = Client(session, args.base, token)
        photos = [jpeg(seed) for seed in range(24)]
        size_mb = statistics.mean(len(p) for p in photos) / 1e6

        # Uploads: the full path, then bytes to disk only.
        lat, took = await timed_loop(
            args.secs, args.clients,
            lambda i: client.upload(f"p{i}.jpg", "image/jpeg", photos[i % len(photos)]))
        uploads = {"count": len(lat), "per_s": len(lat) / took,
                   "p50_ms": pct(lat, .5), "p99_ms": pct(lat, .99)}
        lat, took = await timed_loop(args.secs, args.clients,
                                     lambda i: client.direct(photos[i % len(photos)]))
        direct = {"count": len(lat), "per_s": len(lat) / took,
                  "p50_ms": pct(lat, .5), "p99_ms": pct(lat, .99)}

        # Transforms of one fresh image: first renders, then hits. The
        # uploads above queued their named sizes; wait until this image's
        # are made (renders run in order), so first renders are measured
        # alone rather than behind that queue.
        image = await client.upload("t.jpg", "image/jpeg", jpeg(999))
        # First, one render asked for while the uploads' background work is
        # still queued: it waits behind at most one background job.
        busy_url = (await client.gql("query($id: UUID!) { media(id: $id) { url(transform: { width: 333 }) } }",
                                     {"id": image["id"]}))["media"]["url"]
        busy_render = await client.fetch(busy_url)
        for _ in range(600):
            done = (await client.gql("query($id: UUID!) { media(id: $id) { placeholder } }",
                                     {"id": image["id"]}))["media"]["placeholder"]
            if done:
                break
            await asyncio.sleep(0.5)
        widths = list(range(100, 100 + 20 * args.renders, 20))
        urls = []
        for at in range(0, len(widths), 20):  # within VELLUM_MAX_ALIASES
            batch = widths[at:at + 20]
            aliases = " ".join(f"w{w}: url(transform: {{ width: {w} }})" for w in batch)
            found = (await client.gql(f"query($id: UUID!) {{ media(id: $id) {{ {aliases} }} }}",
                                      {"id": image["id"]}))["media"]
            urls += [found[f"w{w}"] for w in batch]
        first = [await client.fetch(u) for u in urls]
        hits = []
        for i in range(args.hits):
            hits.append(await client.fetch(urls[i % len(urls)]))
        transforms = {"busy_render_ms": busy_render,
                      "renders": len(first), "first_mean_ms": statistics.mean(first),
                      "first_p50_ms": pct(first, .5),
                      "first_p99_ms": pct(first, .99), "hits": len(hits),
                      "hit_p50_ms": pct(hits, .5), "hit_p99_ms": pct(hits, .99)}

        # Memory: 8 big uploads at once, VmRSS sampled every 20 ms.
        big = [os.urandom(1024).hex().encode() * (args.big_mb * 512) for _ in range(8)]
        idle = rss_kb(args.pid)
        peak, done = idle, False

        async def sample():
            nonlocal peak
            while not done:
                peak = max(peak, rss_kb(args.pid))
                await asyncio.sleep(0.02)

        sampler = asyncio.create_task(sample())
        began = time.perf_counter()
        await asyncio.gather(*(client.upload(f"big{i}.txt", "text/plain", b)
                               for i, b in enumerate(big)))
        took = time.perf_counter() - began
        done = True
        await sampler
        memory = {"uploads": len(big), "mb_each": len(big[0]) / 1e6, "secs": took,
                  "rss_before_mb": idle / 1024, "rss_peak_mb": peak / 1024}

    json.dump({"jpeg_mb": size_mb, "uploads": uploads, "direct": direct,
               "transforms": transforms, "memory": memory}, sys.stdout)
    print()


if __name__ == "__main__":
    asyncio.run(main())
