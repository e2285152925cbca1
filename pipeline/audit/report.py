"""The audit report of a document: pure functions over finding rows (dicts with the columns of
``fct_audit_findings``), rendered for the terminal, as Markdown or as HTML.

Order: findings are grouped by rule_group; a group with errors comes before one with only
warnings, which comes before one with only info (ties in the order of ``GROUPS``); inside a
group, errors first, then warnings, then info, each by page and table. Everything the
documents say (messages, quoted text, names) is escaped for the format it is written in.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote

from .findings import GROUPS, SEVERITIES, Document

FORMATS = ("md", "html")
GROUP_LABELS = {
    "presence": "required tables present (表格完整性)",
    "in_table": "sums within a table (表内勾稽)",
    "cross_table": "agreement between tables (表间勾稽)",
    "narrative": "narrative against the tables (说明与报表一致)",
    "consistency": "consistency of the document (年度、单位、名称一致)",
}
REPORT_TYPES = {"budget": "budget (部门预算)", "final": "final account (部门决算)"}
_MAX_NAME_BYTES = 200


def severity_rank(severity: str | None) -> int:
    """0 for error, 1 for warning, 2 for info, 3 for anything else."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _group_index(group: str | None) -> int:
    return GROUPS.index(group) if group in GROUPS else len(GROUPS)


def _finding_order(f: dict) -> tuple:
    page, table = f.get("page"), f.get("table_index")
    return (severity_rank(f.get("severity")), page is None, page or 0, table is None, table or 0,
            f.get("rule_id") or "", f.get("finding_key") or "")


def grouped(findings: Iterable[dict]) -> list[tuple[str, list[dict]]]:
    """(rule_group, its findings) in report order: groups by their worst severity, then GROUPS;
    findings errors first, then by page and table."""
    groups: dict[str, list[dict]] = {}
    for f in findings:
        groups.setdefault(f.get("rule_group") or "other", []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: (min(severity_rank(f.get("severity")) for f in kv[1]),
                                                     _group_index(kv[0]), kv[0]))
    return [(g, sorted(fs, key=_finding_order)) for g, fs in ordered]


def counts(findings: Iterable[dict]) -> dict[tuple[str, str], int]:
    """Findings counted by (rule_group, severity)."""
    out: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (f.get("rule_group") or "other", f.get("severity") or "other")
        out[key] = out.get(key, 0) + 1
    return out


def severity_totals(findings: Iterable[dict]) -> dict[str, int]:
    """Findings counted by severity (every severity present, 0 when none)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f.get("severity") or "other"] = out.get(f.get("severity") or "other", 0) + 1
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def describe_totals(totals: dict[str, int]) -> str:
    """'2 errors, 1 warning, 3 info'."""
    return ", ".join(_plural(totals.get(s, 0), s) for s in SEVERITIES)


def _groups_present(matrix: dict[tuple[str, str], int]) -> list[str]:
    extra = sorted({g for g, _ in matrix} - set(GROUPS))
    return [*GROUPS, *extra]


def one_line(text) -> str:
    """Text on one line: runs of whitespace (newlines, tabs) become one space."""
    return re.sub(r"\s+", " ", str(text)).strip() if text is not None else ""


def report_type_label(report_type: str | None) -> str:
    """'budget (部门预算)', 'final account (部门决算)', or the code as it is."""
    return REPORT_TYPES.get(report_type or "", report_type or "unknown")


def location(f: dict) -> str:
    """'page 3, table 2 (支出决算表)', 'page 3', or 'the whole document'."""
    parts = []
    if f.get("page") is not None:
        parts.append(f"page {f['page']}")
    if f.get("table_index") is not None:
        parts.append(f"table {f['table_index']}")
    text = ", ".join(parts) or "the whole document"
    if f.get("table_type"):
        text += f" ({f['table_type']})"
    return text


def _title(f: dict) -> str:
    label = one_line(f.get("label_zh")) or one_line(f.get("rule_id")) or "finding"
    rule = f" [{one_line(f['rule_id'])}]" if f.get("rule_id") and f.get("label_zh") else ""
    return f"{label}{rule}"


def _header_fields(doc: Document) -> list[tuple[str, str]]:
    fields = [("document", doc.document_key), ("department", doc.department or "unknown"),
              ("fiscal year", str(doc.fiscal_year) if doc.fiscal_year is not None else "unknown"),
              ("report type", report_type_label(doc.report_type))]
    if doc.status in ("refused", "failed"):  # nothing of it was loaded: say why it has no findings
        fields.append(("status", doc.status))
    return fields


# --- terminal -------------------------------------------------------------------------------------------

def render_text(doc: Document, findings: list[dict]) -> str:
    """The report for the terminal: the document, the counts by group × severity, then the findings."""
    lines = [f"audit of {doc.source_file}"]
    lines += [f"  {name}: {value}" for name, value in _header_fields(doc)]
    totals = severity_totals(findings)
    if not findings:
        lines.append("findings: none — every audit rule passed for this document")
        return "\n".join(lines)
    lines.append(f"findings: {describe_totals(totals)}")
    matrix = counts(findings)
    width = max(len(g) for g in _groups_present(matrix))
    lines.append(f"  {'group':<{width}}  " + "  ".join(f"{s:>7}" for s in SEVERITIES))
    for g in _groups_present(matrix):
        if any(matrix.get((g, s)) for s in SEVERITIES) or g in GROUPS:
            lines.append(f"  {g:<{width}}  " + "  ".join(f"{matrix.get((g, s), 0):>7}" for s in SEVERITIES))
    for group, items in grouped(findings):
        lines.append("")
        lines.append(f"{group} — {GROUP_LABELS.get(group, group)}: {describe_totals(severity_totals(items))}")
        for f in items:
            lines.append(f"  [{f.get('severity') or '?'}] {_title(f)} — {location(f)}")
            for key in ("message_zh", "message_en"):
                if f.get(key):
                    lines.append(f"      {one_line(f[key])}")
            if f.get("expected") is not None or f.get("found") is not None:
                lines.append(f"      expected: {one_line(f.get('expected')) or '—'}   "
                             f"found: {one_line(f.get('found')) or '—'}")
            if f.get("quoted_text"):
                lines.append(f"      quoted: “{one_line(f['quoted_text'])}”")
    return "\n".join(lines)


# --- Markdown -------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~>])")


def md_escape(text) -> str:
    """Text as literal Markdown on one line: & and < as entities, the characters that make emphasis,
    code, links or table cells backslashed, and a start that would make a heading or a list item too."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([#+=-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def _md_findings(findings: list[dict]) -> list[str]:
    out = []
    matrix = counts(findings)
    out += ["| group | " + " | ".join(SEVERITIES) + " |", "|---|" + "---:|" * len(SEVERITIES)]
    for g in _groups_present(matrix):
        if any(matrix.get((g, s)) for s in SEVERITIES) or g in GROUPS:
            out.append(f"| {md_escape(g)} | " + " | ".join(str(matrix.get((g, s), 0)) for s in SEVERITIES) + " |")
    totals = severity_totals(findings)
    out.append("| **total** | " + " | ".join(f"**{totals[s]}**" for s in SEVERITIES) + " |")
    for group, items in grouped(findings):
        out += ["", f"## {md_escape(group)} — {md_escape(GROUP_LABELS.get(group, group))}", "",
                describe_totals(severity_totals(items))]
        for f in items:
            out += ["", f"### {md_escape(f.get('severity') or '?')} · {md_escape(_title(f))}", "",
                    f"*{md_escape(location(f))}*"]
            if f.get("message_zh"):
                out += ["", md_escape(f["message_zh"])]
            if f.get("message_en"):
                out += ["", f"*{md_escape(f['message_en'])}*"]
            if f.get("expected") is not None or f.get("found") is not None:
                out += ["", f"- expected: {md_escape(f.get('expected')) or '—'}",
                        f"- found: {md_escape(f.get('found')) or '—'}"]
            if f.get("quoted_text"):
                out += ["", f"> {md_escape(f['quoted_text'])}"]
    return out


def render_markdown(doc: Document, findings: list[dict]) -> str:
    """The report as a Markdown page."""
    out = [f"# Audit: {md_escape(doc.source_file)}", "", "| | |", "|---|---|"]
    out += [f"| {name} | {md_escape(value)} |" for name, value in _header_fields(doc)]
    out.append("")
    if not findings:
        out.append("No findings: every audit rule passed for this document.")
    else:
        out += [f"Findings: {describe_totals(severity_totals(findings))}.", ""]
        out += _md_findings(findings)
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------------------

_CSS = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}"
        "td.n{text-align:right}.finding{border-left:4px solid #999;padding:.3em .8em;margin:1em 0}"
        ".error{border-color:#c00}.warning{border-color:#e90}.info{border-color:#39c}"
        "blockquote{white-space:pre-wrap;background:#f6f6f6;margin:.5em 0;padding:.4em .8em}")


def _h(text) -> str:
    return html.escape("" if text is None else str(text))


def _html_page(title: str, body: list[str]) -> str:
    return "\n".join(["<!DOCTYPE html>", '<html lang="zh">', "<head>", '<meta charset="utf-8">',
                      f"<title>{_h(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
                      *body, "</body>", "</html>", ""])


def render_html(doc: Document, findings: list[dict]) -> str:
    """The report as a standalone HTML page (every text escaped)."""
    body = [f"<h1>Audit: {_h(doc.source_file)}</h1>", "<table>"]
    body += [f"<tr><th>{_h(name)}</th><td>{_h(value)}</td></tr>" for name, value in _header_fields(doc)]
    body.append("</table>")
    if not findings:
        body.append("<p>No findings: every audit rule passed for this document.</p>")
        return _html_page(f"Audit: {doc.source_file}", body)
    body.append(f"<p>Findings: {_h(describe_totals(severity_totals(findings)))}.</p>")
    matrix = counts(findings)
    body.append("<table><tr><th>group</th>" + "".join(f"<th>{s}</th>" for s in SEVERITIES) + "</tr>")
    for g in _groups_present(matrix):
        if any(matrix.get((g, s)) for s in SEVERITIES) or g in GROUPS:
            body.append(f"<tr><td>{_h(g)}</td>"
                        + "".join(f'<td class="n">{matrix.get((g, s), 0)}</td>' for s in SEVERITIES) + "</tr>")
    body.append("</table>")
    for group, items in grouped(findings):
        body.append(f"<h2>{_h(group)} — {_h(GROUP_LABELS.get(group, group))}</h2>")
        body.append(f"<p>{_h(describe_totals(severity_totals(items)))}</p>")
        for f in items:
            sev = f.get("severity") if f.get("severity") in SEVERITIES else "other"
            body.append(f'<div class="finding {sev}">')
            body.append(f"<h3>{_h(f.get('severity') or '?')} · {_h(_title(f))}</h3>")
            body.append(f"<p><em>{_h(location(f))}</em></p>")
            if f.get("message_zh"):
                body.append(f"<p>{_h(f['message_zh'])}</p>")
            if f.get("message_en"):
                body.append(f"<p><em>{_h(f['message_en'])}</em></p>")
            if f.get("expected") is not None or f.get("found") is not None:
                body.append(f"<p>expected: {_h(f.get('expected')) or '—'} · found: {_h(f.get('found')) or '—'}</p>")
            if f.get("quoted_text"):
                body.append(f"<blockquote>{_h(f['quoted_text'])}</blockquote>")
            body.append("</div>")
    return _html_page(f"Audit: {doc.source_file}", body)


def render(doc: Document, findings: list[dict], fmt: str = "md") -> str:
    """The report in one of FORMATS."""
    return render_html(doc, findings) if fmt == "html" else render_markdown(doc, findings)


# --- files and the index --------------------------------------------------------------------------------

def report_filename(doc: Document, fmt: str = "md") -> str:
    """The report's file name: the source file's name (path separators and control characters
    replaced) + .md or .html; a very long name is cut and the document_key added."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", doc.source_file or doc.document_key).lstrip(".") or doc.document_key
    if len(name.encode()) > _MAX_NAME_BYTES:
        name = name.encode()[:_MAX_NAME_BYTES].decode(errors="ignore") + f"-{doc.document_key}"
    return f"{name}.{fmt}"


def _sorted_entries(entries: list[tuple[Document, list[dict]]]) -> list[tuple[Document, dict[str, int]]]:
    rows = [(doc, severity_totals(fs)) for doc, fs in entries]
    return sorted(rows, key=lambda r: (-r[1]["error"], -r[1]["warning"], r[0].source_file or "", r[0].document_key))


def render_index_text(entries: list[tuple[Document, list[dict]]]) -> str:
    """Every document with its counts, most errors first (for the terminal)."""
    rows = _sorted_entries(entries)
    all_findings = [f for _, fs in entries for f in fs]
    lines = [f"audit of {len(rows)} documents: {describe_totals(severity_totals(all_findings))}",
             f"  {'errors':>6} {'warnings':>8} {'info':>5}  document"]
    for doc, t in rows:
        year = f", {doc.fiscal_year}" if doc.fiscal_year is not None else ""
        lines.append(f"  {t['error']:>6} {t['warning']:>8} {t['info']:>5}  {doc.source_file} "
                     f"({doc.department or 'unknown department'}{year}, {report_type_label(doc.report_type)})")
    return "\n".join(lines)


def render_index(entries: list[tuple[Document, list[dict]]], fmt: str = "md") -> str:
    """The index page: every document with its counts and a link to its report, most errors first."""
    rows = _sorted_entries(entries)
    all_findings = [f for _, fs in entries for f in fs]
    summary = f"{len(rows)} documents; findings: {describe_totals(severity_totals(all_findings))}."
    header = ("document", "department", "fiscal year", "report type", "errors", "warnings", "info")
    if fmt == "html":
        body = ["<h1>Audit of the documents</h1>", f"<p>{_h(summary)}</p>",
                "<table><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"]
        for doc, t in rows:
            link = quote(report_filename(doc, fmt))
            body.append(f'<tr><td><a href="{_h(link)}">{_h(doc.source_file)}</a></td><td>{_h(doc.department)}</td>'
                        f"<td>{_h(doc.fiscal_year)}</td><td>{_h(report_type_label(doc.report_type))}</td>"
                        + "".join(f'<td class="n">{t[s]}</td>' for s in SEVERITIES) + "</tr>")
        body.append("</table>")
        return _html_page("Audit of the documents", body)
    out = ["# Audit of the documents", "", summary, "", "| " + " | ".join(header) + " |",
           "|---|---|---:|---|---:|---:|---:|"]
    for doc, t in rows:
        link = quote(report_filename(doc, fmt))
        year = str(doc.fiscal_year) if doc.fiscal_year is not None else ""
        out.append(f"| [{md_escape(doc.source_file)}]({link}) | {md_escape(doc.department or '')} | {year} | "
                   f"{md_escape(report_type_label(doc.report_type))} | "
                   + " | ".join(str(t[s]) for s in SEVERITIES) + " |")
    return "\n".join(out) + "\n"
