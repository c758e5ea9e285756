"""Regenerate ``screenshots/*.svg`` from deterministic in-memory data (fixed clock, UTC).

    python scripts/screenshots.py            # all scenes
    python scripts/screenshots.py active help
    python scripts/screenshots.py --lang zh_TW active help   # in Traditional Chinese: screenshots/zh_TW/

The scenes are the ones the snapshot tests use (``tests/tui/scenarios.py``): the active view, the
scheduled view (with a paused job), the finished view with a job's log, the detail of several
sub-job types, the stop confirmation, the help screen, a narrow 80×24 terminal and a filter.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["TZ"] = "UTC"
time.tzset()

from activejob_tui import i18n
from tests.tui import scenarios

OUT = REPO / "screenshots"


async def capture(name: str, out: Path) -> Path:
    prepare, (width, height), readonly = scenarios.SCENES[name]
    app, _ = scenarios.make(readonly=readonly)
    async with app.run_test(size=(width, height)) as pilot:
        await prepare(pilot)
        await pilot.pause(0.2)
        svg = app.export_screenshot(title=f"activejob-tui — {name}")
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    out = OUT
    if argv[:1] == ["--lang"] and len(argv) > 1:
        i18n.set_language(argv[1])  # before the app is made: every word is read at display time
        out = OUT / argv[1]
        argv = argv[2:]
    names = argv or list(scenarios.SCENES)
    unknown = [n for n in names if n not in scenarios.SCENES]
    if unknown:
        print(f"unknown scene(s): {', '.join(unknown)}; known: {', '.join(scenarios.SCENES)}", file=sys.stderr)
        return 2
    out.mkdir(exist_ok=True)
    for name in names:
        path = asyncio.run(capture(name, out))
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
