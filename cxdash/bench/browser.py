"""A real server and a real Chromium: first page view, a link with a new range, memory.

Each server runs ``streamlit run`` in its own process group against the database
(read by both apps), and is stopped by that group afterwards. Chromium is
Debian's (/usr/bin/chromium) driven by Playwright, a development requirement.

- first page view: a fresh server, a fresh browser context, the Overview
  opened until every chart is drawn, once on each of ``repeat`` servers
  started for it (the budget is judged on their median); and, for
  comparison, the same view in a new session of the running server;
- link with a new range: a new context opens ``/?from=..&to=..`` with a date
  range no earlier run used, until every chart is drawn; each link opens in
  cxdash and then in the pandas baseline (cxdash/ui/bench_baseline.py), whose
  whole tables are cached already, both servers running side by side;
- the floor: a bare page with four small Plotly charts (cxdash/ui/bench_floor.py)
  opened the same way, for what Streamlit and Plotly alone take in this browser;
- memory: the server's resident memory (VmRSS, and its peak VmHWM, from
  /proc/<pid>/status) after every page was opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from cxdash.bench.server import CHROMIUM, LAUNCH_ARGS, streamlit_server
from cxdash.opposite import STEPS

BASELINE_APP = Path(__file__).resolve().parents[1] / "ui" / "bench_baseline.py"
FLOOR_APP = Path(__file__).resolve().parents[1] / "ui" / "bench_floor.py"
FLOOR_CHARTS = 4
OVERVIEW_CHARTS = 4
BASELINE_CHARTS = 4
PAGE_PATHS = ("", *(s.key for s in STEPS), "data", "workshop")
_TIMEOUT_MS = 300_000


@dataclass
class BrowserTimes:
    first_views: list[float]  # each the first page view of a server started for it
    session_view: float = 0.0  # a new browser session on the running server
    link_ours: list[float] = field(default_factory=list)
    link_baseline: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    peak_mb: float = 0.0
    health: float = 0.0  # seconds from start to the health check answering, the worst start
    floor: list[float] = field(default_factory=list)  # the bare four-chart page, new sessions

    @property
    def first_view(self) -> float:
        """The median first view of a fresh server."""
        return statistics.median(self.first_views)

    @property
    def link_ratio(self) -> float:
        """How many times faster cxdash draws than the baseline (baseline / ours)."""
        return statistics.median(self.link_baseline) / statistics.median(self.link_ours)


def available() -> bool:
    if not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) memory of process ``pid`` in MB, from /proc."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


# Any Plotly chart, whoever draws it: cxdash's own component or st.plotly_chart.
_DRAWN = """n => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(c => c.querySelector('.main-svg')).length >= n"""


def _open_until_drawn(browser, url: str, charts: int) -> float:
    """Seconds from opening ``url`` in a new context until ``charts`` charts are drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(_DRAWN, arg=charts, timeout=_TIMEOUT_MS, polling=20)
        return time.perf_counter() - started
    finally:
        context.close()


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1", timeout=_TIMEOUT_MS)
    # The status widget shows while a script runs; wait for it to go.
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=_TIMEOUT_MS)


def ranges(last: dt.date, repeat: int) -> list[tuple[dt.date, dt.date]]:
    """Date ranges (60 days, ending a few weeks apart) no other measurement opens."""
    return [
        (last - dt.timedelta(days=60 + 11 * (i + 1)), last - dt.timedelta(days=11 * (i + 1)))
        for i in range(repeat)
    ]


def measure(db: Path, last: dt.date, work: Path, repeat: int = 3) -> BrowserTimes:
    from playwright.sync_api import sync_playwright

    links = ranges(last, repeat)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(LAUNCH_ARGS))
        try:
            with contextlib.ExitStack() as servers:
                # The baseline first: it reads its whole tables once (its first view)
                # and closes the file, which cxdash's server then holds.
                baseline = servers.enter_context(
                    streamlit_server(work / "baseline.log", {"CXDASH_DB": str(db)}, BASELINE_APP)
                )
                _open_until_drawn(browser, baseline.url, BASELINE_CHARTS)
                # A fresh server's first view varies more than any other figure: each
                # of ``repeat`` servers is started for one view, and the last one stays.
                first_views, health = [], []
                for i in range(repeat - 1):
                    log = work / f"fresh-{i}.log"
                    with streamlit_server(log, {"CXDASH_DB": str(db)}) as fresh:
                        health.append(fresh.started_in)
                        first_views.append(_open_until_drawn(browser, fresh.url, OVERVIEW_CHARTS))
                ours = servers.enter_context(
                    streamlit_server(work / "app.log", {"CXDASH_DB": str(db)})
                )
                health.append(ours.started_in)
                first_views.append(_open_until_drawn(browser, ours.url, OVERVIEW_CHARTS))
                times = BrowserTimes(first_views, health=max(health))
                # Each link opens in one app and then the other, so that whatever
                # else the machine does meanwhile weighs on both sides of the ratio.
                for start, end in links:
                    query = f"/?from={start.isoformat()}&to={end.isoformat()}"
                    times.link_ours.append(
                        _open_until_drawn(browser, ours.url + query, OVERVIEW_CHARTS)
                    )
                    times.link_baseline.append(
                        _open_until_drawn(browser, baseline.url + query, BASELINE_CHARTS)
                    )
                times.session_view = _open_until_drawn(browser, ours.url, OVERVIEW_CHARTS)
                context = browser.new_context(viewport={"width": 1400, "height": 1800})
                page = context.new_page()
                for path in PAGE_PATHS:
                    _visit(page, f"{ours.url}/{path}")
                context.close()
                times.rss_mb, times.peak_mb = memory_mb(ours.pid)
            with streamlit_server(work / "floor.log", {}, FLOOR_APP) as served:
                _open_until_drawn(browser, served.url, FLOOR_CHARTS)  # its imports, once
                for _ in range(repeat):
                    times.floor.append(_open_until_drawn(browser, served.url, FLOOR_CHARTS))
        finally:
            browser.close()
    return times
