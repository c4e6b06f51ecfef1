"""``cadence parse``: read a plan (or one phrase) and show what Cadence understood."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import click

from cadence.catalogue import formats, say
from cadence.cli.common import YEAR
from cadence.cli.language import current, speak

# The reader (rules, cadence.sources, cadence.diagnostics) is imported when the command runs,
# never at start: `cadence --help` does not load it.


def describe_rule(rule, lang: str = "vi") -> str:
    """A rule in words an official reads: 'khoảng 15/tháng', '1/2 tuần (26/năm)'."""
    fields = dict(count=rule.count, every=rule.every, per=say(f"per.{rule.per.value}", lang))
    text = say("parse.every" if rule.every > 1 else "parse.per", lang, **fields)
    if rule.on:
        text += f" ({rule.on[3:]}/{rule.on[:2]})"
    if rule.approx:
        text = say("parse.approx", lang, cadence=text)
    if rule.kind.value == "rebroadcast":
        text = say("parse.rebroadcast", lang, cadence=text)
    extras = [e for e in (rule.series, rule.channel) if e]
    extras += _named_days(rule, lang)
    if rule.duration_min:
        extras.append(f"{rule.duration_min}'")
    if rule.declared_total is not None:
        extras.append(say("parse.per-year", lang, total=rule.declared_total))
    return text + (f" [{'; '.join(extras)}]" if extras else "")


def _named_days(rule, lang: str) -> list[str]:
    """The weekdays, week and day of the month, and time of day a rule names."""
    named = []
    if rule.weekdays:
        named.append(", ".join(say(f"parse.weekday.{day}", lang) for day in rule.weekdays))
    if rule.week_of_month is not None:
        named.append(say("parse.last-week", lang) if rule.week_of_month == -1
                     else say("parse.week-of-month", lang, n=rule.week_of_month))
    if rule.day_of_month is not None:
        named.append(say("parse.last-day", lang) if rule.day_of_month == -1
                     else say("parse.day-of-month", lang, n=rule.day_of_month))
    if rule.time:
        named.append(rule.time)
    return named


def _wrap(label: str, value: str, width: int) -> str:
    return textwrap.fill(value, width=width, initial_indent=f"    {label}: ", subsequent_indent=" " * 8)


def render_plan(plan, lang: str = "vi") -> str:
    """The plan (``rules.Plan``) as a readable listing: one block per task, then monitors,
    reports, warnings."""
    from cadence.diagnostics import describe

    def w(key: str, **fields) -> str:
        return say(f"parse.{key}", lang, **fields)

    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))
    out = [plan.title, f"{plan.issuer} · {plan.year} · {plan.file}", "", w("activities", n=len(plan.activities))]
    for a in plan.activities:
        out.append("  " + textwrap.shorten(f"{a.ref}  [{a.scope.value if a.scope else '-'}] {a.title}", width - 2))
        out.append(_wrap(w("lead"), "; ".join(a.lead) or "—", width))
        if a.support:
            out.append(_wrap(w("support"), "; ".join(a.support), width))
        if a.directs:
            out.append(_wrap(w("directs"), "; ".join(a.directs), width))
        window = (f"{formats.date(a.window.start, lang)} – {formats.date(a.window.end, lang)} ({a.window.text})"
                  if a.window else "—")
        out.append(_wrap(w("window"), window + (f", {w('ongoing')}" if a.ongoing else ""), width))
        if a.rules:
            out.append(_wrap(w("rules"), "; ".join(describe_rule(r, lang) for r in a.rules), width))
    out += ["", w("monitors")] + [f"  {m.ref}  {m.unit} [{m.scope.value}]" for m in plan.monitors]
    out += ["", w("reports")]
    for r in plan.reports:
        periods = ", ".join(p.value for p in r.periods) or "—"
        out.append("  " + textwrap.shorten(f"{r.ref}  {r.from_} → {r.to} [{r.scope.value}; {periods}]", width - 2))
    if plan.warnings:
        out += ["", w("warnings", n=len(plan.warnings))]
        out += ["  " + textwrap.shorten(f"{x.ref or '-'}: {describe(x, lang)}", width - 2) for x in plan.warnings]
    return "\n".join(out)


@click.command("parse")
@click.argument("plan", required=False)
@click.option("--phrase")
@click.option("--year", type=YEAR)
@click.option("--json", "as_json", is_flag=True)
@click.option("--text", "as_text", is_flag=True)
@click.pass_context
def parse_command(ctx: click.Context, plan: str | None, phrase: str | None, year: int | None, as_json: bool,
                  as_text: bool) -> None:
    """Read a plan (.txt, .docx, .pdf, .doc, .odt, .rtf, .xlsx, a scan) or one phrase and print the reading.

    A file the reader cannot read raises ``PlanReadError``, which the command line says in its
    language (``cadence.diagnostics.describe_error``)."""
    from cadence.diagnostics import describe
    from cadence.sources import read_plan_file, read_source
    from rules import read_phrase

    lang = current()
    if phrase is None and plan is None:
        raise click.UsageError(speak("cli.parse.what"))
    if as_text and plan is not None:
        source = read_source(plan, limits(ctx))
        click.echo(source.laid.with_page_markers(say("documents.page-marker", lang, page="{page}")))
        return
    if phrase is not None:
        reading = read_phrase(phrase, year=year or 2025)
        if as_json:
            click.echo(json.dumps(_with_messages(reading.to_json(), reading.warnings, lang), ensure_ascii=False, indent=2))
            return
        click.echo("; ".join(describe_rule(r, lang) for r in reading.rules) or "—")
        if reading.window:
            window = f"{formats.date(reading.window.start, lang)} – {formats.date(reading.window.end, lang)}"
            click.echo(window + (f" ({speak('parse.ongoing')})" if reading.ongoing else ""))
        for w in reading.warnings:
            click.echo(f"! {describe(w, lang)}")
        return
    result = read_plan_file(plan, year=year, limits=limits(ctx))
    if as_json:
        click.echo(json.dumps(_with_messages(result.to_json(), result.warnings, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render_plan(result, lang))


def limits(ctx: click.Context):
    """The limits (``cadence.sources.Limits``) of ``[documents]`` when a configuration file is
    there; else the defaults (reading a plan needs no configuration)."""
    from cadence.config import load_config
    from cadence.sources import Limits

    path = Path(ctx.find_root().ensure_object(dict).get("config_path", "config.toml"))
    return load_config(path).documents.limits() if path.is_file() else Limits()


def _with_messages(data: dict, warnings, lang: str) -> dict:
    """The ``--json`` reading with each warning's words in the user's language."""
    from cadence.diagnostics import warning_json

    data["warnings"] = [warning_json(w, lang) for w in warnings]
    return data


def register(group: click.Group) -> None:
    group.add_command(parse_command)
