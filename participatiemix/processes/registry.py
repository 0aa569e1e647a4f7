"""The registry of runnable instruments: the only way process pages, "Mijn inbreng" and the council report learn
about an instrument.

An instrument app registers itself once, in its `AppConfig.ready()`:

    from participatiemix.processes.registry import RunnableInstrument, register
    register(RunnableInstrument(app="surveys", label=_("Enquête"), kind="online", catalogue_ids={"enquete"}, ...))

Every hook takes model instances from `processes.models` and returns plain data, so the process code never
imports an instrument app. An instrument of the mix that no app claims is run by the app registered with
`fallback=True` (meetings: an offline activity), so every instrument of a plan has a place in the process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from participatiemix.processes.models import Activity, Contribution


def _none(*args, **kwargs):
    return None


def _empty(*args, **kwargs):
    return []


@dataclass(frozen=True)
class RunnableInstrument:
    app: str  # registry key and Django app label, e.g. "surveys"
    label: Any  # lazy text: "Enquête"
    kind: str  # "online" or "offline"
    catalogue_ids: frozenset[str] = field(default_factory=frozenset)
    fallback: bool = False  # runs every catalogue instrument no other app claims
    collects: Any = ""  # lazy text: what a participant hands in ("antwoorden op vragen")
    # Called once when an activity is made (from the plan or by hand): create the app's own record(s).
    setup: Callable[[Activity], None] = _none
    # Staff page to set the activity up (form builder, date and place); None when there is nothing to set.
    setup_url: Callable[[Activity], str | None] = _none
    # The resident's page for the activity; None when it has no public page (yet).
    public_url: Callable[[Activity], str | None] = _none
    # {activity id: participants} for these activities; absent ids count distinct participants of contributions.
    participants: Callable[[list[Activity]], dict[int, int]] = lambda activities: {}
    # Extra lines for the council report per activity (e.g. "3 bijeenkomsten, 84 aanwezigen").
    summary: Callable[[Activity], list[str]] = _empty
    # [(label, url)] downloads for staff (CSV, XLSX, ICS, ...).
    exports: Callable[[Activity], list[tuple[str, str]]] = _empty
    # Where a participant sees one of their contributions in full; None: the summary is all there is.
    contribution_url: Callable[[Contribution], str | None] = _none
    # {target group id: people} counted at the activity itself (meeting attendance per group), for reach.
    group_counts: Callable[[Activity], dict[str, int]] = lambda activity: {}
    # A participant's own data held by the app (given a Participant; for "download my data"), as JSON-ready dicts.
    personal_data: Callable[[Any], list[dict]] = _empty
    # Benchmark data (CONTRACTS §7): {load kind: generate(activity, n, seed) -> stored}; kinds are the option
    # names of `generate_load` ("survey_responses", "ideas", "ballots", ...). Generated rows are example data.
    load_generators: dict[str, Callable[[Activity, int, int], int]] = field(default_factory=dict)


_REGISTRY: dict[str, RunnableInstrument] = {}


def register(instrument: RunnableInstrument) -> None:
    if instrument.kind not in ("online", "offline"):
        raise ValueError(f"{instrument.app}: kind must be online or offline")
    existing = _REGISTRY.get(instrument.app)
    if existing is not None and existing != instrument:
        raise ValueError(f"{instrument.app} is already registered")
    for other in _REGISTRY.values():
        if other.app != instrument.app and other.catalogue_ids & instrument.catalogue_ids:
            raise ValueError(
                f"{instrument.app} and {other.app} both claim {other.catalogue_ids & instrument.catalogue_ids}"
            )
        if other.app != instrument.app and other.fallback and instrument.fallback:
            raise ValueError("only one instrument app can be the fallback")
    _REGISTRY[instrument.app] = instrument


def unregister(app: str) -> None:
    """For tests that register a throw-away instrument."""
    _REGISTRY.pop(app, None)


def get(app: str) -> RunnableInstrument:
    return _REGISTRY[app]


def all_instruments() -> Iterable[RunnableInstrument]:
    return list(_REGISTRY.values())


def for_catalogue_id(instrument_id: str) -> RunnableInstrument:
    """The app that runs this catalogue instrument, or the fallback (offline activity)."""
    for instrument in _REGISTRY.values():
        if instrument_id in instrument.catalogue_ids:
            return instrument
    for instrument in _REGISTRY.values():
        if instrument.fallback:
            return instrument
    raise LookupError(f"no app runs {instrument_id} and no fallback is registered")


def load_generator(kind: str) -> tuple[RunnableInstrument, Callable] | None:
    for instrument in _REGISTRY.values():
        if kind in instrument.load_generators:
            return instrument, instrument.load_generators[kind]
    return None


def choices() -> list[tuple[str, Any]]:
    return [(i.app, i.label) for i in _REGISTRY.values()]
