"""Plain-text rendering of an answer for the terminal."""
from __future__ import annotations

import textwrap

from .records import Answer


def render_answer(a: Answer, max_incidents: int = 20) -> str:
    q = a.question
    lines = [f"Q: {q.text}", ""]
    if a.verdict != "count":
        lines.append(f"Answer: {a.verdict.upper()}")
    lines += textwrap.wrap(a.summary, 100)
    lines.append("")
    understood = f"understood: {q.kind}"
    if q.actor:
        understood += f"; actor {q.actor.text!r} -> {q.actor.name} ({q.actor.how})"
    understood += f"; place {q.place.text!r} -> {q.place.name} [{q.place.level}] ({q.place.how})"
    if q.since:
        understood += f"; since {q.since}"
    lines += textwrap.wrap(understood, 100, subsequent_indent="  ")
    if a.recent:
        lines += textwrap.wrap(f"as of {a.as_of} ({a.as_of_from or 'end of coverage'}): recent window "
                               f"{a.recent.start} .. {a.recent.end} ({a.recent.days} days)"
                               + (f", baseline {a.baseline.start} .. {a.baseline.end} ({a.baseline.days} days)"
                                  if a.baseline else ""), 100, subsequent_indent="  ")
    if a.test:
        t = a.test
        lines.append(f"test: {t.method}; recent {t.recent_count} in {t.recent_days} d, baseline {t.base_count} in "
                     f"{t.base_days} d; p(increase) = {t.p_increase:.4g}, p(decrease) = {t.p_decrease:.4g}")
    lines += textwrap.wrap(f"coverage: {a.coverage}", 100, subsequent_indent="  ")
    for note in a.notes:
        lines += textwrap.wrap(f"note: {note}", 100, subsequent_indent="  ")
    if a.incidents:
        lines += ["", f"incidents ({len(a.incidents)}):"]
    roles = a.roles if len(a.roles) == len(a.incidents) else ("",) * len(a.incidents)
    for inc, role in list(zip(a.incidents, roles))[:max_incidents]:
        toll = f"{inc.fatalities}" + (f"-{inc.fatalities_max}" if inc.fatalities_max != inc.fatalities else "")
        lines.append(f"  #{inc.id} {inc.event_date}  {inc.event_type} / {inc.sub_event_type}  "
                     f"{inc.location or '?'}  {toll} killed  [{', '.join(inc.outlets)}]")
        lines.append(f"     {' vs '.join(x for x in (inc.actor1, inc.actor2) if x)}"
                     + (f"  ({q.actor.name}: {role})" if role and q.actor else ""))
        for s in inc.sources[:3]:
            if s.quote:
                lines += textwrap.wrap(f"“{s.quote}”", 96, initial_indent="     ", subsequent_indent="      ")
    if len(a.incidents) > max_incidents:
        lines.append(f"  ... and {len(a.incidents) - max_incidents} more (use --json)")
    if a.uncounted and q.actor:
        lines += ["", f"not counted ({q.actor.name} only the target, {len(a.uncounted)}):"]
        for inc in a.uncounted[:max_incidents]:
            lines.append(f"  #{inc.id} {inc.event_date}  {inc.event_type} / {inc.sub_event_type}  "
                         f"{inc.location or '?'}  {' vs '.join(x for x in (inc.actor1, inc.actor2) if x)}")
    return "\n".join(lines)
