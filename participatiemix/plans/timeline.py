"""From the month of the decision back to dates: when each phase runs and when the council is at work.

The phases follow the estimate's own rule (participatiemix/mix/estimate.py): formats within a phase run side by
side, a phase lasts as long as its slowest format (or the weeks the case gives it), and preparation may start at
the very beginning. The decision falls at the end of the last phase before the decision (agenda setting, policy
preparation or decision making); the plan puts that moment on the first day of the decision month and counts
back for the phases before it and forward for those after it. Pure: no queries, the catalogue is read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from participatiemix.mix.estimate import DECISION_PHASES

# When in its phase the council is at work: at the start (frames, being informed), near the end (hearing
# residents before the decision), or at the end (the decision, accounting for it).
AT_START = {"set_frames", "inform", "frames"}
BEFORE_END = {"hear"}
HEAR_WEEKS_BEFORE = 4


@lru_cache(maxsize=1)
def _durations() -> dict[str, tuple[float, float]]:
    """(lead weeks, duration weeks) per instrument, the short end of the catalogue's ranges."""
    from participatiemix.mix.catalogue import load_catalogue

    try:
        catalogue = load_catalogue()
    except Exception:  # noqa: BLE001 - a broken catalogue must not break the plan page; weeks then come from the case
        return {}
    return {i.id: (float(i.lead_time_weeks.min), float(i.duration_weeks.min)) for i in catalogue}


@dataclass(frozen=True)
class PhaseSpan:
    id: str
    start_week: float
    end_week: float


def phase_spans(advice: dict[str, Any]) -> list[PhaseSpan]:
    durations = _durations()
    case_phases = {p.get("phase"): p for p in (advice.get("case") or {}).get("phases") or []}
    spans, end = [], 0.0
    for p in advice.get("phases") or []:
        pid = p.get("phase")
        ids = [i.get("id") for i in p.get("instruments") or []]
        lead = max((durations.get(i, (0.0, 0.0))[0] for i in ids), default=0.0)
        weeks = case_phases.get(pid, {}).get("weeks")
        duration = (
            float(weeks)
            if isinstance(weeks, int | float)
            else max((durations.get(i, (0.0, 0.0))[1] for i in ids), default=0.0)
        )
        start = max(end, lead)
        end = start + duration
        spans.append(PhaseSpan(pid, start, end))
    return spans


def decision_week(spans: list[PhaseSpan]) -> float:
    before = [s for s in spans if s.id in DECISION_PHASES]
    return (before or spans)[-1].end_week if spans else 0.0


def timeline(advice_view: dict[str, Any], advice: dict[str, Any], decision_month: date | None, today: date) -> dict:
    """Phases and council moments in time order, with dates when the decision month is known.

    Returns `phases` (label, start/end week and date), `moments` (date or week, phase, moment, message), the
    weeks to the decision and after it, and `late` when the first phase should already have started.
    """
    spans = phase_spans(advice)
    decide_at = decision_week(spans)
    total = max((s.end_week for s in spans), default=0.0)

    def when(week: float) -> date | None:
        if decision_month is None:
            return None
        return decision_month - timedelta(days=round((decide_at - week) * 7))

    by_id = {s.id: s for s in spans}
    labels = {p["id"]: p["label"] for p in advice_view.get("phases") or []}
    phases = [
        {
            "id": s.id,
            "label": labels.get(s.id, s.id),
            "start_week": round(s.start_week),
            "end_week": round(s.end_week),
            "start": when(s.start_week),
            "end": when(s.end_week),
            "after_decision": s.start_week >= decide_at and s.id not in DECISION_PHASES,
        }
        for s in spans
    ]
    moments = []
    for order, m in enumerate(advice_view.get("council_moments") or []):
        span = by_id.get(m.get("phase"))
        if span is None:
            week = decide_at
        elif m.get("moment") in AT_START:
            week = span.start_week
        elif m.get("moment") in BEFORE_END:
            week = max(span.start_week, span.end_week - HEAR_WEEKS_BEFORE)
        else:
            week = span.end_week
        moments.append({**m, "week": round(week), "date": when(week), "_order": (week, order)})
    moments.sort(key=lambda m: m.pop("_order"))
    # One list in time order: each phase where it starts, the council's moments within it.
    events = [{"kind": "phase", "week": p["start_week"], "date": p["start"], "phase": p} for p in phases]
    if phases and phases[0]["start_week"] > 0:
        # Formats need preparation (invitations, a venue, a panel drawn): that starts before the first phase.
        events.append({"kind": "prepare", "week": 0, "date": when(0.0), "until": phases[0]["start"]})
    events += [{"kind": "council", "week": m["week"], "date": m["date"], "moment": m} for m in moments]
    events.sort(key=lambda e: (e["week"], ("prepare", "phase", "council").index(e["kind"])))
    start = when(0.0)
    return {
        "phases": phases,
        "moments": moments,
        "events": events,
        "decision_month": decision_month,
        "weeks_to_decision": round(decide_at),
        "weeks_after_decision": round(total - decide_at),
        "weeks_total": round(total),
        "start": start,
        "late": start is not None and start < today,
    }
