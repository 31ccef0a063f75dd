#!/usr/bin/env python3
"""The table of script/bench: issue 12's targets against their references.

    report.py FACTS

FACTS holds one JSON object a line, each with a `key`: the results of
bench/content_load.py (s1_cold, s1_warm, s1_ceiling, s2_cold, s2_warm,
s2_ceiling, s3), of pgbench (s1_ref_json, s1_ref_batched, s2_ref, s3_ref),
of bench/fanout.py (fanout) and bench/auth_load.py (signin), the idle RSS
(memory), answer sizes (s1_bytes, s2_bytes) and failed runs
(failed:<run>). Prints a markdown table and notes; exits 1 when a run failed
or answered errors. Standard library only.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys

PGBENCH_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pgbench")
HEADER = ("| scenario | req/s | p50 ms | p99 ms | CPU-µs/req | SQL stmts/req | reference "
          "| ref req/s | ratio | target | met |")


def num(v, nd: int = 0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{float(v):,.{nd}f}"


def f(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def statements(file: str) -> int:
    """SQL commands in a pgbench script: each ends with `;` or `\\gset`."""
    text = open(os.path.join(PGBENCH_DIR, file), encoding="utf-8").read()
    text = "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith(("--", "\\set")))
    return len(re.findall(r";|\\gset", text))


def main() -> int:
    facts: dict[str, dict] = {}
    failed: set[str] = set()
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip():
            fact = json.loads(line)
            key = fact.get("key") or fact.get("scenario")
            if key.startswith("failed:"):
                failed.add(key.split(":", 1)[1])
            else:
                facts[key] = fact
    rows: list[list[str]] = []
    notes: list[str] = []
    bad = bool(failed)

    def met(ok: bool | None) -> str:
        return "–" if ok is None else ("yes" if ok else "no")

    def errors_of(key: str) -> None:
        nonlocal bad
        r = facts.get(key)
        if r and r.get("errors"):
            bad = True
            codes = ", ".join(f"{k}: {v}" for k, v in sorted((r.get("error_codes") or {}).items()))
            notes.append(f"- **{key}: {r['errors']} errors** ({codes})")

    def failed_row(name: str, run: str, target: str) -> bool:
        if run in failed:
            rows.append([name, "–", "–", "–", "–", "–", "failed (see the log above)",
                         "–", "–", target, "error"])
            return True
        return False

    def ratio_row(name: str, run: str, key: str, ref_label: str, ref_rate: float,
                  target: float, unit: str = "") -> None:
        if failed_row(name, run, f"≥ {target}×"):
            return
        r = facts.get(key)
        if r is None:
            return
        ratio = f(r["rate"]) / ref_rate if ref_rate else float("nan")
        rows.append([name, num(r["rate"]) + unit, num(r["p50_ms"], 2), num(r["p99_ms"], 2),
                     num(r.get("cpu_us_per_req")), num(r.get("sql_per_req"), 1), ref_label,
                     num(ref_rate), f"{ratio:.2f}×", f"≥ {target}×",
                     met(None if math.isnan(ratio) else ratio >= target)])
        errors_of(key)

    def warm_row(name: str, scenario: str, what: str) -> None:
        # A warm read against the ceiling serving the bytes it answered.
        ceiling = facts.get(f"{scenario}_ceiling")
        size = facts.get(f"{scenario}_bytes", {}).get("bytes", "?")
        if ceiling:
            ratio_row(name, f"{scenario}_warm", f"{scenario}_warm",
                      "static-bytes ceiling, " + what.format(size=size), f(ceiling["rate"]), 0.5)
        else:
            failed_row(name, f"{scenario}_warm", "≥ 0.5×")

    # ---- S1, S2 -------------------------------------------------------------
    a, b = facts.get("s1_ref_json"), facts.get("s1_ref_batched")
    if a and b:
        best = max(f(a["rate"]), f(b["rate"]))
        label = (f"pgbench, best of 1 json_agg statement ({num(a['rate'])}/s) and "
                 f"3 batched statements ({num(b['rate'])}/s)")
        ratio_row("S1 cold: 20 items + author + tags, caches off", "s1_cold", "s1_cold",
                  label, best, 0.6)
    else:
        failed_row("S1 cold: 20 items + author + tags, caches off", "s1_cold", "≥ 0.6×")
    warm_row("S1 warm: the same, caches on", "s1", "the same {size} bytes")
    ref = facts.get("s2_ref")
    if ref:
        ratio_row("S2 cold: contentBySlug, every published slug, caches off", "s2_cold",
                  "s2_cold", "pgbench, the by-slug SQL (1 statement)", f(ref["rate"]), 0.5)
    else:
        failed_row("S2 cold: contentBySlug, every published slug, caches off", "s2_cold",
                   "≥ 0.5×")
    warm_row("S2 warm: contentBySlug, 100 slugs, caches on", "s2", "one {size}-byte answer")

    # ---- S3 -----------------------------------------------------------------
    ref = facts.get("s3_ref")
    if ref:
        n = statements(ref["file"])
        ratio_row("S3 writes: updateContent + publishContent (pairs/s)", "s3", "s3",
                  f"pgbench, the pair's writes as one transaction ({n} statements)",
                  f(ref["rate"]), 0.7)
    else:
        failed_row("S3 writes: updateContent + publishContent (pairs/s)", "s3", "≥ 0.7×")
    for key in ("s1_ref_json", "s1_ref_batched", "s2_ref", "s3_ref"):
        r = facts.get(key)
        if r and int(f(r.get("failed", 0)) or 0):
            bad = True
            notes.append(f"- **{key}: {r['failed']} failed pgbench transactions**")

    # ---- fan-out ------------------------------------------------------------
    r = facts.get("fanout")
    if r and not r.get("error"):
        subs = r.get("subscribed") or r["subscribers"]
        cpu_us = f(r.get("server_cpu_per_round_ms")) * 1000 / subs if subs else float("nan")
        last99 = f(r.get("last_p99_ms"))
        per_conn_kb = f(r.get("rss_per_conn_kib")) * 1.024
        rows.append([f"Fan-out: publish → last of {subs:,} subscribers", "–",
                     num(r.get("last_p50_ms"), 1), num(last99, 1), num(cpu_us, 1), "–",
                     "–", "–", f"p99 {num(last99, 1)} ms", "p99 < 100 ms",
                     met(None if math.isnan(last99) else last99 < 100)])
        rows.append([f"Fan-out: server CPU per delivery ({r['rounds']} publishes)", "–", "–", "–",
                     num(cpu_us, 1), "–", "–", "–", f"{num(cpu_us, 1)} µs", "< 5 µs",
                     met(None if math.isnan(cpu_us) else cpu_us < 5)])
        rows.append(["Memory: RSS per idle WebSocket", "–", "–", "–", "–", "–", "–", "–",
                     f"{num(per_conn_kb, 1)} KB", "< 20 KB",
                     met(None if math.isnan(per_conn_kb) else per_conn_kb < 20)])
        if r.get("missed") or r.get("connect_failures") or r.get("ended") or r.get("errors"):
            bad = True
            notes.append(f"- **fan-out: missed {r.get('missed')}, connect failures "
                         f"{r.get('connect_failures')}, ended {r.get('ended')}, "
                         f"errors {r.get('errors')}**")
        notes.append(f"- fan-out: server CPU per publish {num(r.get('server_cpu_per_round_ms'), 0)}"
                     f" ms (median; the publishContent request included), all deliveries p50/p99 "
                     f"{num(r.get('all_p50_ms'), 1)}/{num(r.get('all_p99_ms'), 1)} ms, "
                     f"VmRSS {num(f(r.get('rss_before_kib')) / 1024, 1)} → "
                     f"{num(f(r.get('rss_idle_kib')) / 1024, 1)} MiB with every socket idle, "
                     f"clients {r.get('client_loop')} in {r.get('workers')} processes")
    elif r is not None or "fanout" in failed:
        bad = True
        if not failed_row("Fan-out: publish → last subscriber", "fanout", "p99 < 100 ms"):
            rows.append(["Fan-out: publish → last subscriber", "–", "–", "–", "–", "–",
                         f"failed: {r.get('error')}", "–", "–", "p99 < 100 ms", "error"])

    # ---- sign-in ------------------------------------------------------------
    r = facts.get("signin")
    if r:
        base = r["baseline"]
        for s in r["storms"]:
            cpu = s["me"].get("vellum_cpu_s")
            cpu_us = cpu * 1e6 / s["ok"] if cpu is not None and s["ok"] else float("nan")
            rate = f(s["rate"])
            rows.append([f"Sign-in storm, {s['clients']} clients (sign-ins/s)", num(rate),
                         num(s["p50_ms"], 1), num(s["p99_ms"], 1), num(cpu_us), "–", "–", "–",
                         f"{num(rate)}/s", "≥ 80/s", met(rate >= 80)])
        for s in r["storms"]:
            me = s["me"]
            ratio = f(me["p99_ms"]) / f(base["p99_ms"]) if f(base["p99_ms"]) else float("nan")
            rows.append([f"`{{ me }}` during the {s['clients']}-client storm", num(me["rate"]),
                         num(me["p50_ms"], 2), num(me["p99_ms"], 2), "–", "–",
                         f"`{{ me }}` idle: p50 {num(base['p50_ms'], 2)}, p99 "
                         f"{num(base['p99_ms'], 2)} ms", num(base["rate"]),
                         f"p99 {ratio:.2f}× idle", "p99 ≤ 2× idle",
                         met(None if math.isnan(ratio) else ratio <= 2)])
        errs = {k: v for s in r["storms"] for k, v in s["errors"].items()}
        if r.get("rate_limited") or errs:
            bad = True
            notes.append(f"- **sign-in: errors {errs}, RATE_LIMITED {r.get('rate_limited')}**")
        if any(s.get("exhausted") for s in r["storms"]):
            notes.append("- sign-in: some storm clients ran out of accounts: sign-ins/s is a "
                         "lower bound")
        notes.append(f"- sign-in: one at a time (no other load) {num(r.get('solo_rate'), 1)}/s; "
                     "`{ me }` probes: 8 clients at 25/s each; CPU-µs/req of a storm is "
                     "vellum's CPU over the storm (probes included) per sign-in")
    elif "signin" in failed:
        failed_row("Sign-in storm (sign-ins/s)", "signin", "≥ 80/s")

    # ---- memory -------------------------------------------------------------
    r = facts.get("memory")
    if r:
        mb = f(r["rss_kib"]) * 1024 / 1e6
        rows.append(["Memory: idle RSS, fresh seeded server after one request", "–", "–", "–",
                     "–", "–", "–", "–", f"{num(mb, 1)} MB", "< 50 MB", met(mb < 50)])
    elif "memory" in failed:
        failed_row("Memory: idle RSS", "memory", "< 50 MB")

    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("ratio: req/s over the reference's req/s; for rows without a reference it shows the "
          "figure the target is about. KB and MB are 1000 and 10^6 bytes (VmRSS).")
    cmds = [facts[k]["command"] for k in ("s1_ref_json", "s1_ref_batched", "s2_ref", "s3_ref")
            if k in facts]
    if cmds:
        notes.append("- pgbench: " + "; ".join(f"`{c}`" for c in cmds))
    if "s3" in facts:
        s3 = facts["s3"]
        notes.append(f"- S3: {s3['connections']} concurrent editors' workers (bench/content_load.py"
                     f" write), {s3['requests']} pairs; p50 of the update alone "
                     f"{num(s3.get('update_p50_ms'), 1)} ms, of the publish alone "
                     f"{num(s3.get('publish_p50_ms'), 1)} ms")
    for key in ("s1_warm", "s2_warm"):
        if key in facts and not math.isnan(f(facts[key].get("cache_hit_pct"))):
            notes.append(f"- {key}: content cache hits {num(facts[key]['cache_hit_pct'])}%")
    if failed:
        notes.append(f"- **failed runs: {', '.join(sorted(failed))}**")
    if notes:
        print()
        print("\n".join(notes))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
