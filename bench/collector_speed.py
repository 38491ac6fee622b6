"""How close the Graph API collector comes to the request rate its concurrency limit allows.

N Pages (posts and page insights) are served by the fake Graph API in its own process (as the
real one is remote) with an injected latency per request, and collected once (``run_once``,
``max_concurrent`` Pages at a time) into a fresh SQLite database. With every request taking
``latency`` seconds, the concurrency limit bounds the rate at ``max_concurrent / latency``
requests per second: the figure is the achieved rate against that bound.

    python bench/collector_speed.py [--quick] [--json PATH]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.convention import figure, write_json
from collector.config import parse_config
from collector.scheduler import run_once
from models.db import make_engine, migrate
from models.store import row_counts

FAKE = Path(__file__).resolve().parent.parent / "tests" / "fake_graph.py"
TOKEN = "EAA" + "FakePageToken0123456789abcdefSECRETzz"  # the fake's token (tests/fake_graph.py)
TOKEN_ENV = "FB_TOKEN_BENCH"
LATENCY_S = 0.05
CONCURRENCY = 4
POSTS_PER_PAGE = 12
TARGET_RATIO = 0.8


def config_text(url: str, pages: int) -> str:
    """One ``facebook_page`` source per fake Page (ids as ``fake_graph.py --pages`` makes them)."""
    sources = "".join(
        f'\n[[sources]]\nname = "page-{n}"\ntype = "facebook_page"\npage_id = "{300000000000000 + n}"\n'
        f'token_env = "{TOKEN_ENV}"\nbase_url = "{url}"\nbackfill_days = 7\n'
        for n in range(pages)
    )
    return f"max_concurrent = {CONCURRENCY}\n[graph]\ntimeout_s = 10.0\n{sources}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="16 Pages instead of 48.")
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    args = parser.parse_args()
    pages = 16 if args.quick else 48
    os.environ[TOKEN_ENV] = TOKEN
    command = [sys.executable, str(FAKE), "--pages", str(pages), "--posts", str(POSTS_PER_PAGE)]
    fake = subprocess.Popen(
        [*command, "--latency", str(LATENCY_S)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        url = fake.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="em-bench-collect-") as temp:
            engine = make_engine(f"sqlite:///{Path(temp) / 'bench.db'}")
            migrate(engine)
            config = parse_config(config_text(url, pages))
            started = time.perf_counter()
            results = run_once(engine, config)
            elapsed = time.perf_counter() - started
            with engine.connect() as connection:
                stored = row_counts(connection)
            engine.dispose()
        output, _ = fake.communicate("", timeout=30)
    finally:
        fake.kill()
    requests = int(output.split()[-1])
    failed = [f"{name}: {result.message}" for name, result in results.items() if result.status != "ok"]
    assert not failed, failed
    assert stored["content"] == pages * POSTS_PER_PAGE, stored
    achieved, bound = requests / elapsed, CONCURRENCY / LATENCY_S
    result = figure(
        "collector_requests_per_s", achieved, "requests/s", round(bound, 1), achieved / bound, TARGET_RATIO
    )
    print(
        f"{pages} Pages, {requests} requests at {LATENCY_S * 1000:.0f} ms each, "
        f"{CONCURRENCY} Pages at a time, in {elapsed:.2f} s"
    )
    print(f"{'figure':<26} {'ours':>10} {'bound':>10} {'ratio':>7} {'target':>7}")
    ratio = result["ratio"]
    print(f"{result['name']:<26} {achieved:>10,.1f} {bound:>10,.1f} {ratio:>7.3f} {TARGET_RATIO:>7}")
    print(f"(stored {stored['content']} items, {stored['metric_snapshot']} snapshots)")
    if args.json:
        write_json(args.json, [result])


if __name__ == "__main__":
    main()
