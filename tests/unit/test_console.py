"""The quiet run's console: output of the process and its children into the log file, a bar per stage."""
from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, datetime

from pipeline import console
from pipeline.orchestrate import progress


def test_the_process_and_its_children_write_to_the_log_not_the_terminal(tmp_path, capfd):
    log = tmp_path / "run.log"
    with console.output_to(log) as terminal:
        print("from the command")
        print("a warning", file=sys.stderr)
        subprocess.run([sys.executable, "-c", "import sys; print('from dbt'); print('dbt error', file=sys.stderr)"],
                       check=True)
        terminal.write("progress\n")
    print("after the run")
    out, err = capfd.readouterr()
    assert log.read_text(encoding="utf-8").split() == ["from", "the", "command", "a", "warning",
                                                       "from", "dbt", "dbt", "error"]
    assert "progress" in err and "dbt" not in err and "warning" not in err
    assert out == "after the run\n"


def test_the_output_comes_back_when_the_run_raises(tmp_path, capfd):
    log = tmp_path / "run.log"
    try:
        with console.output_to(log):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    print("back on the console")
    assert capfd.readouterr().out == "back on the console\n"


def test_log_files_are_named_by_time_and_the_oldest_are_deleted(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"run-202612{day:02d}T000000Z.log").write_text("old")
    path = console.new_log_file(tmp_path, datetime(2026, 12, 6, 1, 2, 3, tzinfo=UTC), keep=3)
    assert path.name == "run-20261206T010203Z.log"
    path.write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "run-20261204T000000Z.log", "run-20261205T000000Z.log", "run-20261206T010203Z.log"]
    again = console.new_log_file(tmp_path, datetime(2026, 12, 6, 1, 2, 3, tzinfo=UTC), keep=3)
    assert again.name == "run-20261206T010203Z-2.log"


def test_the_bar_shows_each_stage_with_work_done_of_total():
    stream = io.StringIO()
    with console.ProgressBar(stream) as bar, progress.listening(bar):
        counter = progress.StageCounter("extract", 2)
        counter.advance("a.pdf")
        counter.advance("b.pdf")
        progress.StageCounter("parse", 0)  # nothing to parse: no bar
    text = stream.getvalue()
    assert "reading documents" in text and "2/2" in text
    assert "parsing tables" not in text


def test_nobody_listening_costs_nothing_and_a_listener_hears_each_document():
    heard = []
    progress.StageCounter("parse", 1).advance("x.txt")  # no listener: nothing happens
    with progress.listening(heard.append):
        progress.StageCounter("parse", 1).advance("y.txt")
    assert [(e.stage, e.done, e.total, e.source_file) for e in heard] == [("parse", 0, 1, ""), ("parse", 1, 1, "y.txt")]
