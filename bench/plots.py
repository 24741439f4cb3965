"""README pictures from a real `make bench` run: API latency percentiles by concurrency (beside
the bare echo server measured in the same run) and tailoring throughput by number of workers
(beside the engine alone).

    .venv/bin/python bench/plots.py [bench/results/system-<time>.json]   (or: make bench-plots)

Without an argument the newest system result is drawn. Writes docs/images/bench-latency.png
and docs/images/bench-throughput.png, each titled with the run's time and machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
IMAGES = ROOT / "docs" / "images"


def newest() -> Path:
    found = sorted(RESULTS.glob("system-*.json"))
    if not found:
        raise SystemExit("no bench/results/system-*.json: run `make bench` first")
    return found[-1]


def concurrency_levels(results: dict[str, Any]) -> list[int]:
    return sorted({int(key.split("@")[1]) for key in results["api_latency"]})


def latency_figure(results: dict[str, Any], title: str) -> plt.Figure:
    levels = concurrency_levels(results)
    figure, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    api, echo = results["api_latency"], results["echo"]
    for ax, quantile in zip(axes, ("p50", "p99"), strict=True):
        for name, marker in (("StartTailoring", "o"), ("GetTailorRun", "s")):
            values = [api[f"{name}@{c}"][f"{quantile}_ms"] for c in levels]
            ax.plot(levels, values, marker=marker, label=name)
        ax.plot(
            levels, [echo[f"echo@{c}"][f"{quantile}_ms"] for c in levels],
            marker="^", linestyle="--", color="grey", label="bare grpc.aio echo",
        )  # fmt: skip
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(levels, [str(c) for c in levels])
        ax.set_xlabel("concurrent callers")
        ax.set_title(f"{quantile} latency")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("ms (log scale)")
    axes[0].legend()
    figure.suptitle(title, fontsize=9)
    figure.tight_layout()
    return figure


def throughput_figure(results: dict[str, Any], title: str) -> plt.Figure:
    runs = results["throughput"]
    workers = sorted(runs, key=int)
    figure, ax = plt.subplots(figsize=(6, 4))
    bars = ax.bar(
        [f"{w} worker{'s' if w != '1' else ''}" for w in workers],
        [runs[w]["runs_per_s"] for w in workers],
        color="tab:blue",
    )
    ax.bar_label(bars, fmt="%.1f")
    alone = results["engine_alone"]["runs_per_s"]
    ax.axhline(alone, color="grey", linestyle="--", label=f"engine alone ({alone:.1f}/s)")
    ax.set_ylabel("tailorings per second, end to end")
    ax.legend(loc="lower right")
    ax.set_title(title, fontsize=9)
    figure.tight_layout()
    return figure


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else newest()
    results = json.loads(path.read_text())
    machine = results.get("machine", {})
    stamp = path.stem.removeprefix("system-")
    title = (
        f"make bench {stamp}: {machine.get('cpus', '?')} CPUs, Python {machine.get('python', '?')}"
    )
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, figure in (
        ("bench-latency.png", latency_figure(results, title)),
        ("bench-throughput.png", throughput_figure(results, title)),
    ):
        figure.savefig(IMAGES / name, dpi=80)
        plt.close(figure)
        print(f"wrote docs/images/{name} from {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
