"""``cadence parse``: read a plan (or one phrase) and show what Cadence understood."""
from __future__ import annotations

import json
import shutil
import textwrap

import click

from cadence.catalogue import say

PER_VI = {"day": "ngày", "week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm"}
PER_EN = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
HEADINGS = {
    "vi": {"activities": "Nhiệm vụ", "lead": "Chủ trì", "support": "Phối hợp", "directs": "Chỉ đạo",
           "window": "Thời gian", "ongoing": "thường xuyên", "rules": "Tần suất", "none": "—",
           "monitors": "Đầu mối theo dõi, đôn đốc", "reports": "Chế độ báo cáo", "warnings": "Cảnh báo",
           "rebroadcast": "phát lại", "approx": "khoảng", "total": "năm", "to": "gửi"},
    "en": {"activities": "Tasks", "lead": "Lead", "support": "Support", "directs": "Directs",
           "window": "When", "ongoing": "ongoing", "rules": "Cadence", "none": "—",
           "monitors": "Monitors (follow-up)", "reports": "Reporting duties", "warnings": "Warnings",
           "rebroadcast": "rebroadcast", "approx": "about", "total": "year", "to": "to"},
}


def describe_rule(rule, lang: str = "vi") -> str:
    """A rule in words an official reads: 'khoảng 15/tháng', '1/2 tuần (26/năm)'."""
    words, per = HEADINGS[lang], (PER_VI if lang == "vi" else PER_EN)[rule.per.value]
    text = f"{rule.count}/{rule.every} {per}" if rule.every > 1 else f"{rule.count}/{per}"
    if rule.on:
        text += f" ({rule.on[3:]}/{rule.on[:2]})"
    if rule.approx:
        text = f"{words['approx']} {text}"
    if rule.kind.value == "rebroadcast":
        text = f"{words['rebroadcast']} {text}"
    extras = [e for e in (rule.series, rule.channel) if e]
    if rule.duration_min:
        extras.append(f"{rule.duration_min}'")
    if rule.declared_total is not None:
        extras.append(f"{rule.declared_total}/{words['total']}")
    return text + (f" [{'; '.join(extras)}]" if extras else "")


def _wrap(label: str, value: str, width: int) -> str:
    return textwrap.fill(value, width=width, initial_indent=f"    {label}: ", subsequent_indent=" " * 8)


def render_plan(plan, lang: str = "vi") -> str:
    """The plan as a readable listing: one block per task, then monitors, reports, warnings."""
    words = HEADINGS[lang]
    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))
    out = [plan.title, f"{plan.issuer} · {plan.year} · {plan.file}", "", f"{words['activities']} ({len(plan.activities)})"]
    for a in plan.activities:
        out.append("  " + textwrap.shorten(f"{a.ref}  [{a.scope.value if a.scope else '-'}] {a.title}", width - 2))
        out.append(_wrap(words["lead"], "; ".join(a.lead) or words["none"], width))
        if a.support:
            out.append(_wrap(words["support"], "; ".join(a.support), width))
        if a.directs:
            out.append(_wrap(words["directs"], "; ".join(a.directs), width))
        window = f"{a.window.start:%d/%m/%Y}–{a.window.end:%d/%m/%Y} ({a.window.text})" if a.window else words["none"]
        out.append(_wrap(words["window"], window + (f", {words['ongoing']}" if a.ongoing else ""), width))
        if a.rules:
            out.append(_wrap(words["rules"], "; ".join(describe_rule(r, lang) for r in a.rules), width))
    out += ["", words["monitors"]] + [f"  {m.ref}  {m.unit} [{m.scope.value}]" for m in plan.monitors]
    out += ["", words["reports"]]
    for r in plan.reports:
        periods = ", ".join(p.value for p in r.periods) or words["none"]
        out.append("  " + textwrap.shorten(f"{r.ref}  {r.from_} → {r.to} [{r.scope.value}; {periods}]", width - 2))
    if plan.warnings:
        out += ["", f"{words['warnings']} ({len(plan.warnings)})"]
        out += ["  " + textwrap.shorten(f"{w.ref or '-'}: {w.message}", width - 2) for w in plan.warnings]
    return "\n".join(out)


@click.command("parse")
@click.argument("plan", required=False)
@click.option("--phrase", help="Read one wording instead of a file, e.g. \"2 tuần/1 số (26 số/năm)\".")
@click.option("--year", type=int, help="The plan's year where the text does not state one.")
@click.option("--json", "as_json", is_flag=True, help="Print the reading as JSON (shared/gold/SCHEMA.md).")
@click.option("--text", "as_text", is_flag=True,
              help="Print the text the reader saw (after conversion or OCR), with page markers.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.pass_context
def parse_command(ctx: click.Context, plan: str | None, phrase: str | None, year: int | None, as_json: bool,
                  as_text: bool, lang: str) -> None:
    """Đọc một kế hoạch (.txt, .docx, .pdf, .doc, .odt, .rtf, .xlsx, bản quét) hoặc một cụm từ
    và in ra cách hiểu."""
    from cadence.sources import read_plan_file, read_source
    from rules import read_phrase

    if phrase is None and plan is None:
        raise click.UsageError("give a PLAN file or --phrase TEXT")
    if as_text and plan is not None:
        source = read_source(plan, limits(ctx))
        click.echo(source.laid.with_page_markers(say("documents.page-marker", lang, page="{page}")))
        return
    if phrase is not None:
        reading = read_phrase(phrase, year=year or 2025)
        if as_json:
            click.echo(json.dumps(reading.to_json(), ensure_ascii=False, indent=2))
        else:
            click.echo("; ".join(describe_rule(r, lang) for r in reading.rules) or HEADINGS[lang]["none"])
            if reading.window:
                click.echo(f"{reading.window.start} – {reading.window.end}" + (" (ongoing)" if reading.ongoing else ""))
            for w in reading.warnings:
                click.echo(f"! {w.message}")
        return
    result = read_plan_file(plan, year=year, limits=limits(ctx))
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_plan(result, lang))


def limits(ctx: click.Context):
    """The limits (``cadence.sources.Limits``) of ``[documents]`` when a configuration file is
    there; else the defaults (reading a plan needs no configuration)."""
    from pathlib import Path

    from cadence.config import load_config
    from cadence.sources import Limits

    path = Path(ctx.find_root().ensure_object(dict).get("config_path", "config.toml"))
    return load_config(path).documents.limits() if path.is_file() else Limits()


def register(group: click.Group) -> None:
    group.add_command(parse_command)
