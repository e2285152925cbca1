"""The analyst dashboard in a real browser: headless Chromium (Debian's chromium + chromium-driver) over Selenium.

A warehouse is built once for the module from part of the shipped raw/ (two PDFs, for
the drill-down's page image, and two seed texts); the dashboard runs as a subprocess
(`streamlit run`) on a free port of 127.0.0.1 with BUDGET_WAREHOUSE pointing at it.
Each page is loaded in the browser, and the figures it shows must be the warehouse's
own, queried here and formatted here (exactly, from DECIMAL). A screenshot of each page
is saved to docs/img/dashboard-<page>.png for docs/dashboard.md and README.md.

Skipped only when Chromium or chromedriver cannot be found (`make browser-deps`).
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest

from tests.conftest import RAW, ROOT

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium")) if p and os.path.exists(p)), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver")) if p and os.path.exists(p)),
                    None)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="headless Chromium not found (/usr/bin/chromium and /usr/bin/chromedriver): "
    "install chromium and chromium-driver (`make browser-deps`) to run the dashboard's browser test",
)

DOCUMENTS = (
    "上海市普陀区司法局2026年部门预算.pdf",  # the drill-down's page image (amounts in 元)
    "002_ce97c528681cbbae.pdf",  # audit errors on pages, “三公”, budget vs final (曾都区, 2023 决算)
    "000_5cd6d46b1da1057e.txt",  # text sources: the drill-down shows the printed row instead
    "003_ff2ed464ea78daa4.txt",
)
SCREENSHOTS = ROOT / "docs" / "img"
TIMEOUT = 90


def money(amount: Decimal) -> str:
    """How the dashboard must show an amount: two decimals, rounded half up, thousands separated."""
    return f"{Decimal(amount).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dashboard_raw")
    for name in DOCUMENTS:
        shutil.copy2(RAW / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def warehouse(raw, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dashboard") / "out" / "warehouse.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def db(warehouse):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return None


@pytest.fixture(scope="module")
def server(warehouse, raw, tmp_path_factory):
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "BUDGET_WAREHOUSE": str(warehouse), "BUDGET_RAW_DIR": str(raw),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "pipeline" / "dashboard" / "app.py"),
             "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
             "--client.toolbarMode", "viewer"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while _status(base + "/") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not serve {base}: " + log_path.read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield base
    finally:
        # the whole process group: streamlit and anything it started
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # the system's Chromium: Selenium Manager downloads nothing
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()


# ------------------------------------------------------------------ helpers


def _open(browser, url: str, *expected: str) -> str:
    """Load `url` and wait until Streamlit has rendered every `expected` text and finished running."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)

    def rendered(driver):
        text = driver.find_element(By.TAG_NAME, "body").text
        if driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]'):
            return text  # fail below with the exception shown
        running = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]')
        return text if all(e in text for e in expected) and not running else False

    try:
        WebDriverWait(browser, TIMEOUT, poll_frequency=0.5).until(rendered)
    except Exception:  # noqa: BLE001 - show what the page says instead of a bare timeout
        pytest.fail(f"{url} did not show {expected}: " + browser.find_element(By.TAG_NAME, "body").text[-3000:])
    errors = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
    assert not errors, errors[0].text
    time.sleep(1.0)  # let the charts draw before a screenshot
    return browser.find_element(By.TAG_NAME, "body").text


def _metrics(browser) -> dict[str, str]:
    from selenium.webdriver.common.by import By

    values = {}
    for metric in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]'):
        label = metric.find_element(By.CSS_SELECTOR, '[data-testid="stMetricLabel"]').text.strip()
        values[label] = metric.find_element(By.CSS_SELECTOR, '[data-testid="stMetricValue"]').text.strip()
    return values


def _screenshot(browser, page: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / f"dashboard-{page}.png"))


def _department_key(db, source_file: str) -> str:
    return db.execute("select department_key from dim_document where source_file = ?", [source_file]).fetchone()[0]


# ------------------------------------------------------------------ the pages


def test_overview_shows_the_warehouse_counts_and_the_worst_document_first(server, browser, db):
    documents, reports, errors, warnings = db.execute(
        """
        select (select count(*) from dim_document), (select count(*) from dim_document where is_preferred),
               (select count(*) from fct_audit_findings where severity = 'error'),
               (select count(*) from fct_audit_findings where severity = 'warning')
        """
    ).fetchone()
    text = _open(browser, server + "/", "Documents by region", "Documents, the worst first")
    metrics = _metrics(browser)
    assert metrics["Documents 文件"] == str(documents) == str(len(DOCUMENTS))
    assert metrics["Reports 报告"] == str(reports)
    assert metrics["Errors 错误"] == str(errors) and errors > 0
    assert metrics["Warnings 警告"] == str(warnings)
    # the document with most audit errors heads the quality table
    worst = db.execute(
        """
        select d.source_file from dim_document d join fct_audit_findings f using (document_key)
        where f.severity = 'error' group by d.source_file order by count(*) desc, d.source_file limit 1
        """
    ).fetchone()[0]
    quality = text[text.index("Documents, the worst first"):]
    first_row = next(line for line in quality.splitlines() if any(line.startswith(doc) for doc in DOCUMENTS))
    assert first_row.startswith(worst)
    for province in db.execute("select distinct province from dim_document where province is not null").fetchall():
        assert province[0] in text
    _screenshot(browser, "overview")


def test_department_shows_its_totals_execution_and_three_public(server, browser, db):
    key = _department_key(db, "002_ce97c528681cbbae.pdf")
    name, total, unit = db.execute(
        """
        select d.department, f.amount, f.unit from fct_line_items f join dim_document d using (document_key)
        where d.department_key = ? and d.is_preferred and f.table_type = 'expenditure'
            and f.row_key = 'TOTAL' and f.measure = 'total'
        """,
        [key],
    ).fetchone()
    budget, final, rate = db.execute(
        """
        select budget_amount, final_amount, execution_rate from fct_budget_execution
        where department_key = ? and table_type = 'three_public' and row_key = 'total' and measure = 'total'
        """,
        [key],
    ).fetchone()
    text = _open(browser, f"{server}/department?department_key={key}", "Budgets and final accounts",
                 "三公经费", "Budget vs final")
    assert name in text
    assert money(total) in text and unit in text  # 721.36 万元
    assert money(budget) in text and money(final) in text  # “三公” 0.14 budget, 0.10 final
    assert f"{(rate * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%" in text  # 71.4%
    _screenshot(browser, "department")


def test_compare_shows_each_departments_amount_of_an_account(server, browser, db):
    rows = db.execute(
        """
        select dep.department_name, sum(f.amount_yuan)
        from fct_line_items f
        join dim_document d using (document_key)
        join dim_department dep on d.department_key = dep.department_key
        where d.is_preferred and f.row_key = '2080505' and f.table_type = 'expenditure' and f.measure = 'total'
        group by all
        """
    ).fetchall()
    assert len(rows) >= 3
    text = _open(browser, f"{server}/compare?account_code=2080505&group_by=department",
                 "2080505 机关事业单位基本养老保险缴费支出")
    for department, amount_yuan in rows:
        line = next(line for line in text.splitlines() if line.startswith(department))
        assert money(amount_yuan / Decimal(10000)) in line, (department, line)
    _screenshot(browser, "compare")


def test_drilldown_shows_the_amount_on_its_pdf_page_with_the_cell_boxed(server, browser, db):
    from PIL import Image
    from selenium.webdriver.common.by import By

    key, amount, unit, page, x0, top, x1, bottom = db.execute(
        """
        select f.line_item_key, f.amount, f.unit, f.page, f.cell_x0, f.cell_top, f.cell_x1, f.cell_bottom
        from fct_line_items f join dim_document d using (document_key)
        where d.source_file = '上海市普陀区司法局2026年部门预算.pdf' and f.table_type = 'expenditure'
            and f.row_key = 'TOTAL' and f.measure = 'total'
        """
    ).fetchone()
    assert None not in (x0, top, x1, bottom)
    _open(browser, f"{server}/drilldown?line_item_key={key}", "the cell's box highlighted")
    metrics = _metrics(browser)
    assert metrics["Amount 金额"] == f"{money(amount)} {unit}"  # 96,282,213.44 元
    assert metrics["Page 页码"] == str(page)
    images = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stImage"] img')
    assert images, "no page image"
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", images[0]) > 0
    # the image is the page with the cell's box drawn where the cell is (Streamlit may scale a wide
    # image down to its content width: positions are taken relative to the page's width)
    with urllib.request.urlopen(images[0].get_attribute("src"), timeout=30) as response:
        image = Image.open(io.BytesIO(response.read())).convert("RGB")
    pdf = pdfium.PdfDocument(str(RAW / "上海市普陀区司法局2026年部门预算.pdf"))
    try:
        page_width, page_height = pdf[page - 1].get_size()
    finally:
        pdf.close()
    ratio = image.width / page_width  # pixels per point
    assert abs(image.height / page_height - ratio) < 0.01

    def crimson(x: float, y: float, within: float = 1.5) -> bool:
        """A crimson pixel within `within` points of (x, y) (resampling blurs a thin line by a pixel or two)."""
        steps = [i / 4 for i in range(-int(within * 4), int(within * 4) + 1)]
        for dx in steps:
            for dy in steps:
                red, green, blue = image.getpixel((round((x + dx) * ratio), round((y + dy) * ratio)))
                if red > 150 and green < 110 and blue < 130:
                    return True
        return False

    # the outline is drawn 2 points outside the cell, 4 pixels (2 points at the render's scale) wide
    assert crimson(x0 - 1, (top + bottom) / 2)  # the box's left edge
    assert crimson((x0 + x1) / 2, top - 1)  # its top edge
    assert crimson(x1 + 1, (top + bottom) / 2) and crimson((x0 + x1) / 2, bottom + 1)
    assert not crimson(x0 - 20, (top + bottom) / 2) and not crimson((x0 + x1) / 2, top - 20)  # not elsewhere
    assert not crimson((x0 + x1) / 2, (top + bottom) / 2, within=3)  # the amount itself stays readable
    _screenshot(browser, "drilldown")


def test_drilldown_of_a_text_source_shows_the_printed_row(server, browser, db):
    key, amount_text = db.execute(
        """
        select f.line_item_key, f.amount_text from fct_line_items f join dim_document d using (document_key)
        where d.format = 'text' and f.row_key = '2080505' and f.measure = 'total'
        order by d.source_file limit 1
        """
    ).fetchone()
    text = _open(browser, f"{server}/drilldown?line_item_key={key}", "Text source 文本来源", "The printed row")
    assert "no page image" in text and amount_text in text


def test_audit_lists_errors_first_and_links_each_to_its_page(server, browser, db):
    from selenium.webdriver.common.by import By

    document_key = db.execute(
        "select document_key from dim_document where source_file = '002_ce97c528681cbbae.pdf'"
    ).fetchone()[0]
    findings, errors = db.execute(
        "select count(*), count(*) filter (where severity = 'error') from fct_audit_findings where document_key = ?",
        [document_key],
    ).fetchone()
    first_page = db.execute(
        """
        select page from fct_audit_findings where document_key = ? and severity = 'error' and page is not null
        order by page limit 1
        """,
        [document_key],
    ).fetchone()[0]
    text = _open(browser, f"{server}/audit?document_key={document_key}", "Severity 严重程度")
    metrics = _metrics(browser)
    assert metrics["Findings 发现"] == str(findings) and metrics["Errors 错误"] == str(errors) and errors > 0
    table = text[text.index("Severity 严重程度"):].splitlines()
    severities = [line.split()[0] for line in table[1:] if line.split() and line.split()[0] in
                  ("error", "warning", "info")]
    assert severities == sorted(severities, key=("error", "warning", "info").index) and severities[0] == "error"
    links = browser.find_elements(By.CSS_SELECTOR, 'a[href*="drilldown?document_key="]')
    assert links and f"page={first_page}" in links[0].get_attribute("href")
    _screenshot(browser, "audit")
    # the link opens the finding's page in the drill-down, as an image
    href = links[0].get_attribute("href")
    _open(browser, href, f"page {first_page} 第{first_page}页")
    images = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stImage"] img')
    assert images and browser.execute_script("return arguments[0].naturalWidth", images[0]) > 0
