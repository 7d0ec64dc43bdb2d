"""Run every ``*_bench`` module of this package, print one table and write JSON.

    python -m benchmarks [--quick] [--json bench-results.json] [--only core,batch]

Every figure is printed with its target and marked PASS, MISS (over target: shown, never
hidden), INFO (reported, no target) or ERROR (the benchmark could not measure). The exit
status is 1 only for ERROR rows: a miss is a finding to read, not a crash.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from .common import Result

_STATUS_ORDER = ("PASS", "MISS", "INFO", "ERROR")


def discover() -> list[str]:
    """Names of the benchmark modules present, in a stable order (core first)."""
    package = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(package)]) if m.name.endswith("_bench")
    )
    names.sort(key=lambda n: (n != "core_bench", n))
    return names


def run_module(name: str, quick: bool) -> list[Result]:
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        run = module.run
        if "quick" in inspect.signature(run).parameters:
            results = list(run(quick=quick))
        else:
            results = list(run())
    except Exception as exc:
        traceback.print_exc()
        return [
            Result(
                name=f"{name}: could not run",
                value=None,
                unit="",
                group=name.removesuffix("_bench"),
                error=f"{type(exc).__name__}: {exc}",
            )
        ]
    took = time.perf_counter() - started
    print(f"  {name}: {len(results)} figures in {took:.1f} s", file=sys.stderr)
    group = name.removesuffix("_bench")
    return [r if r.group else _with_group(r, group) for r in results]


def _with_group(result: Result, group: str) -> Result:
    data = result.__dict__ | {"group": group}
    return Result(**data)


def _value_text(r: Result) -> str:
    if r.value is None:
        return "-"
    if abs(r.value) >= 100:
        return f"{r.value:,.0f} {r.unit}"
    return f"{r.value:.2f} {r.unit}"


def table(results: list[Result]) -> str:
    rows = [("group", "figure", "value", "target", "status", "detail")]
    for r in results:
        rows.append(
            (
                r.group,
                r.name,
                _value_text(r),
                r.target_text,
                r.status if r.status != "MISS" else "MISS <<<",
                r.error or r.detail,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[c].ljust(widths[c]) for c in range(5)]
        lines.append("  ".join(cells) + "  " + row[5])
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 6)
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repetitions (checks it runs)")
    parser.add_argument("--json", default="bench-results.json", help="where to write results")
    parser.add_argument("--only", default="", help="comma-separated module names (core,batch)")
    args = parser.parse_args(argv)
    wanted = {w.strip().removesuffix("_bench") for w in args.only.split(",") if w.strip()}
    names = [n for n in discover() if not wanted or n.removesuffix("_bench") in wanted]
    print(f"running {', '.join(names)}{' (quick)' if args.quick else ''}", file=sys.stderr)
    results: list[Result] = []
    for name in names:
        results.extend(run_module(name, args.quick))
    print(table(results))
    counts = {s: sum(r.status == s for r in results) for s in _STATUS_ORDER}
    print("\n" + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    payload = {
        "machine": machine(),
        "quick": args.quick,
        "modules": names,
        "counts": counts,
        "results": [r.as_dict() for r in results],
    }
    Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 1 if counts["ERROR"] else 0


if __name__ == "__main__":
    sys.exit(main())
