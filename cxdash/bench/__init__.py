"""The benchmark of DESIGN.md section 8 and issue #6: ``python -m cxdash.bench`` (``make bench``).

Every figure is measured next to a baseline in the same run, so a busy machine
shows in both and the ratio stays meaningful:

- pages.py     each page's script time (cold, unchanged rerun, filter change) through
               Streamlit's AppTest, against a trivial page in the same harness;
               Plotly JSON size of every chart drawn
- browser.py   a real Chromium on a real server: first page view, the Overview opened
               from a link with a new date range against a plain pandas page
               (cxdash/ui/bench_baseline.py), a bare page of four Plotly charts
               (cxdash/ui/bench_floor.py) as the framework's own first view, and
               the server's memory after every page
- load.py      a validated CSV load against DuckDB's own read_csv on the same file
- report.py    BENCHMARKS.md: figures, budgets met or not, machine, command

It needs the development requirements (Playwright) for the browser part; without
Chromium that part is reported as not measured.
"""
