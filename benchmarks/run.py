"""Measure leadcheck against its floors, side by side in one run, and print a Markdown table.

Usage: python -m benchmarks.run [--sizes 1000,10000,50000] [--work DIR] [--json FILE]

For each sheet size it times, each in a fresh process: bare openpyxl load + save (the
floor for the annotated copy), python-calamine read (the floor for reading), ``leadcheck
validate --json``, ``leadcheck validate`` writing the annotated copy, and the engine alone.
Then the UDFs over 1,000 rows, and ``leadcheck merge`` of 50 files × 1,000 customers
against leadcheck's reader over the same files. Each figure is the median of several runs
(fewer at 50,000 customers, to keep the whole run within ten minutes on two cores).
Generated sheets are kept in the work folder and reused by the next run.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import REPS, write_sheet

# Runs per measurement, by sheet size: enough for a stable median where runs are cheap.
REPEATS = {1000: 5, 10000: 3, 50000: 1}
DEFAULT_SIZES = (1000, 10000, 50000)

# The supervisor's week: fifty reps' files of a thousand customers each.
MERGE_FILES = 50
MERGE_CUSTOMERS = 1000

# Targets from the product's speed requirements.
JSON_TARGET = 0.2
COPY_TARGET = 1.0
RULES_TARGET = 20000
MERGE_TARGET = 2.0
MEMORY_TARGET_MB = 1024


def measure(task: str, path: Path, output: Path, repeats: int) -> dict:
    """Run ``task`` ``repeats`` times in fresh processes; return medians and the worst peak."""
    runs = []
    for _ in range(repeats):
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.task", task, str(path), str(output)],
            check=True, capture_output=True, text=True,
        )
        runs.append(json.loads(completed.stdout))
    return {
        "seconds": statistics.median(run["seconds"] for run in runs),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "count": runs[0].get("count"),
        "runs": len(runs),
    }


def sheet_figures(size: int, work: Path) -> dict:
    source = work / f"leads-{size}.xlsx"
    if not source.exists():
        write_sheet(source, size)
    repeats = REPEATS.get(size, 3)
    figures = {
        task: measure(task, source, work / f"{task}-{size}.xlsx", repeats)
        for task in ("openpyxl_floor", "calamine_floor", "validate_json", "validate_copy", "rules")
    }
    floor = figures["openpyxl_floor"]["seconds"]
    figures["json_ratio"] = figures["validate_json"]["seconds"] / floor
    figures["copy_ratio"] = figures["validate_copy"]["seconds"] / floor
    figures["customers_per_second"] = size / figures["rules"]["seconds"]
    return figures


def merge_figures(work: Path) -> dict:
    folder = work / f"merge-{MERGE_FILES}x{MERGE_CUSTOMERS}"
    folder.mkdir(exist_ok=True)
    for number in range(MERGE_FILES):
        path = folder / f"rep-{number:02d}.xlsx"
        if not path.exists():
            write_sheet(path, MERGE_CUSTOMERS, seed=number, reps=(REPS[number % len(REPS)] + str(number),))
    reading = measure("read_inputs", folder, work / "unused.xlsx", 3)
    merging = measure("merge", folder, work / "merged.xlsx", 1)
    return {"read_inputs": reading, "merge": merging, "merge_ratio": merging["seconds"] / reading["seconds"]}


def udf_figures(work: Path) -> dict:
    source = work / "leads-1000.xlsx"
    if not source.exists():
        write_sheet(source, 1000)
    return {task: measure(task, source, work / "unused.xlsx", 5) for task in ("udf_rows", "udf_phones")}


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(results: dict) -> str:
    """Render the results as the tables that docs/benchmarks.md quotes."""
    lines = [
        f"Machine: {results['machine']}", "",
        "| customers | openpyxl load+save (floor) | calamine read | validate --json | ratio (≤ 0.2) "
        "| annotated copy | ratio (≤ 1.0) | rules alone | peak MiB json / copy |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, figures in results["sheets"].items():
        lines.append(
            f"| {int(size):,} | {figures['openpyxl_floor']['seconds']:.2f} s | {figures['calamine_floor']['seconds']:.2f} s "
            f"| {figures['validate_json']['seconds']:.2f} s | {figures['json_ratio']:.2f} {_verdict(figures['json_ratio'] <= JSON_TARGET)} "
            f"| {figures['validate_copy']['seconds']:.2f} s | {figures['copy_ratio']:.2f} {_verdict(figures['copy_ratio'] <= COPY_TARGET)} "
            f"| {figures['customers_per_second']:,.0f}/s {_verdict(figures['customers_per_second'] >= RULES_TARGET)} "
            f"| {figures['validate_json']['peak_mb']:.0f} / {figures['validate_copy']['peak_mb']:.0f} "
            f"(floor {figures['openpyxl_floor']['peak_mb']:.0f}) |"
        )
    merge_result = results["merge"]
    lines += [
        "",
        f"Merge of {MERGE_FILES} files × {MERGE_CUSTOMERS:,} customers: {merge_result['merge']['seconds']:.2f} s, "
        f"reading the inputs {merge_result['read_inputs']['seconds']:.2f} s, ratio {merge_result['merge_ratio']:.2f} "
        f"(≤ {MERGE_TARGET}) {_verdict(merge_result['merge_ratio'] <= MERGE_TARGET)}, peak {merge_result['merge']['peak_mb']:.0f} MiB "
        f"(< {MEMORY_TARGET_MB}) {_verdict(merge_result['merge']['peak_mb'] < MEMORY_TARGET_MB)}.",
        f"UDFs over {1000:,} rows: LEADCHECK_ROWS {results['udfs']['udf_rows']['seconds'] * 1000:.0f} ms, "
        f"LEADCHECK_PHONES {results['udfs']['udf_phones']['seconds'] * 1000:.0f} ms.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="leadcheck benchmarks")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "data")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    arguments = parser.parse_args()
    arguments.work.mkdir(parents=True, exist_ok=True)

    results = {
        "machine": f"{platform.processor() or platform.machine()}, {_cpu_model()}, Python {platform.python_version()}",
        "sheets": {},
    }
    for size in (int(text) for text in arguments.sizes.split(",")):
        print(f"measuring {size} customers …", file=sys.stderr)
        results["sheets"][size] = sheet_figures(size, arguments.work)
    print("measuring UDFs and merge …", file=sys.stderr)
    results["udfs"] = udf_figures(arguments.work)
    results["merge"] = merge_figures(arguments.work)

    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown(results))


def _cpu_model() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return f"{models[0]} × {len(models)}" if models else "unknown CPU"


if __name__ == "__main__":
    main()
