"""Figures for `jxlint serve`: page load, upload-to-report time, and the server's peak memory.

    python benchmarks/serve_upload.py [ROWS]      # ROWS: size of the large workbook (default 20000; 0: none)

Starts a real server (`python -m linter serve --port 0`) in a subprocess, then:
  - page load: GET / over HTTP (first and median of 10), and in headless Chromium when
    Debian's chromium and chromium-driver are installed (navigation to load event);
  - upload to report: POST /api/check?format=bundle (what the page sends) for the example and
    for a workbook of about ROWS indicator rows (built as benchmarks/xlsx_read.py does),
    the first upload (cold: rules and jieba load) and a second one;
  - memory: the server process's resident set before the uploads and its peak (VmHWM) after each.
Needs the serve and dev extras (httpx). Linux only (/proc).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
SAMPLE = ROOT / "examples" / "guangzhou-housing-bureau-targets.txt"


def build_workbook(rows: int, path: Path) -> int:
    """benchmarks/xlsx_read.py's workbook. openpyxl checks each new merged range against every
    earlier one (quadratic: hours for 20,000 rows); the builder's ranges never overlap, so the
    check is skipped while building."""
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    from xlsx_read import build

    checked = MultiCellRange.add
    MultiCellRange.add = lambda self, coord: self.ranges.add(CellRange(coord) if isinstance(coord, str) else coord)
    try:
        return build(rows, path)
    finally:
        MultiCellRange.add = checked


def rss_mb(pid: int, key: str) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) / 1024


def upload(httpx, url: str, path: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    resp = httpx.post(url + "api/check", params={"format": "bundle"},
                      files=[("files", (path.name, path.read_bytes()))], timeout=1800)
    took = time.perf_counter() - start
    resp.raise_for_status()
    return took, resp.json()


def browser_load(url: str, profile: Path) -> float | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_bin = shutil.which("chromedriver")
    if not (chromium and driver_bin):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_bin), options=options)
    try:
        times = []
        for _ in range(5):
            driver.get(url)
            times.append(driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"))
        return statistics.median(times) / 1000
    finally:
        driver.quit()


def main() -> None:
    import httpx

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = tmp / f"workbook-{rows}.xlsx"
        indicators = 0
        if rows:
            start = time.perf_counter()
            indicators = build_workbook(rows, book)
            print(f"built a workbook of {indicators:,} indicator rows in {time.perf_counter() - start:.0f} s", flush=True)
        env = {**os.environ, "TMPDIR": str(tmp)}
        proc = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0", "--max-upload-mb", "500"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        try:
            url = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline()).group(1)
            while True:
                try:
                    httpx.get(url + "healthz", timeout=5)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            gets = []
            with httpx.Client() as client:  # one client: httpx.get() would build a TLS context per call
                for _ in range(10):
                    start = time.perf_counter()
                    page = client.get(url)
                    gets.append(time.perf_counter() - start)
            print(f"page: {len(page.content) / 1024:.0f} KB; GET / first {gets[0] * 1000:.1f} ms, median {statistics.median(gets[1:]) * 1000:.1f} ms", flush=True)
            shown = browser_load(url, tmp / "profile")
            if shown is not None:
                print(f"page load in headless Chromium (navigation to load event, median of 5): {shown * 1000:.0f} ms")
            print(f"server RSS before any upload: {rss_mb(proc.pid, 'VmRSS'):.0f} MB")
            inputs = [("example (276 projects, 1,378 indicators)", SAMPLE)]
            if rows:
                inputs.append((f"workbook of {indicators:,} indicator rows ({book.stat().st_size / 1e6:.1f} MB)", book))
            for label, path in inputs:
                first, doc = upload(httpx, url, path)
                second, _ = upload(httpx, url, path)
                files = doc["report"]["files"][0]
                print(f"{label}: upload to report {first:.2f} s first, {second:.2f} s again; "
                      f"{files['projects']:,} projects, {files['indicators']:,} indicators, "
                      f"{doc['report']['summary']['total']:,} findings; server peak RSS so far {rss_mb(proc.pid, 'VmHWM'):.0f} MB", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
