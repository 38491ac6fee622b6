"""The benchmarks convention: figures ``{"name", "value", "unit", "baseline", "ratio", "target"}``,
where ``baseline`` is measured in the same run and ``ratio`` is oriented so that higher is better."""

import json
from pathlib import Path

Figure = dict[str, object]


def figure(name: str, value: float, unit: str, baseline=None, ratio=None, target=None) -> Figure:
    return {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
    }


def write_json(path: Path, figures: list[Figure]) -> None:
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
