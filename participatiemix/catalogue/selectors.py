"""Reads for the catalogue pages: curated instruments (YAML) and local ones (database) as one list.

The curated catalogue is loaded and validated once per process (`load_catalogue()` is cached); the
filter index over it is built once per catalogue object, so a request only filters, sorts and pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.mix.catalogue import Catalogue, Instrument, Range, cost_band_of, load_catalogue
from participatiemix.mix.vocabulary import Vocabulary, load_vocabulary

# Query parameter (Dutch, in the URL) -> vocabulary section.
FACETS: dict[str, str] = {
    "fase": "phases",
    "trede": "levels",
    "doel": "goals",
    "bereikt": "target_groups",
    "democratievorm": "democracy_forms",
    "online": "online_modes",
    "kosten": "cost_bands",
}
SEARCH_PARAM = "zoek"
PAGE_PARAM = "pagina"
PAGE_SIZE = 50
COMPARE_MIN = 2
COMPARE_MAX = 4


def curated_catalogue() -> Catalogue:
    """The shipped catalogue (tests and the benchmark patch `load_catalogue` in this module)."""
    return load_catalogue()


@dataclass(frozen=True)
class Entry:
    """One instrument as the list and compare pages see it, curated or local."""

    id: str
    names: Mapping[str, str]
    summaries: Mapping[str, str]
    phases: tuple[str, ...]
    levels: tuple[str, ...]
    goals: frozenset[str]
    reaches: frozenset[str]
    forms: frozenset[str]
    online: str
    cost_min: float
    cost_max: float
    cost_band: str
    haystack: str
    instrument: Instrument | None = None
    local: LocalInstrument | None = None

    @property
    def is_local(self) -> bool:
        return self.local is not None

    @property
    def municipality(self) -> str:
        """The organisation that added a local instrument (the marker "Lokaal toegevoegd door ...")."""
        return self.local.organisation.name if self.local else ""

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["nl"]

    def summary(self, lang: str) -> str:
        return self.summaries.get(lang) or self.summaries["nl"]


def _haystack(*texts: str) -> str:
    return " ".join(texts).casefold()


def _curated_entry(instrument: Instrument, vocabulary: Vocabulary) -> Entry:
    return Entry(
        id=instrument.id,
        names={"nl": instrument.name.nl, "en": instrument.name.en},
        summaries={"nl": instrument.summary.nl, "en": instrument.summary.en},
        phases=tuple(p for p in vocabulary.ids("phases") if p in instrument.phases),
        levels=tuple(sorted(instrument.levels, key=vocabulary.level_rank)),
        goals=frozenset(instrument.goals),
        reaches=frozenset(instrument.reaches),
        forms=frozenset(instrument.democracy_forms),
        online=instrument.online,
        cost_min=instrument.cost_eur.min,
        cost_max=instrument.cost_eur.max,
        cost_band=cost_band_of(instrument.cost_eur.max, vocabulary),
        haystack=_haystack(
            instrument.id, instrument.name.nl, instrument.name.en, instrument.summary.nl, instrument.summary.en
        ),
        instrument=instrument,
    )


def _local_entry(local: LocalInstrument, vocabulary: Vocabulary) -> Entry:
    levels = [lv for lv in local.levels if vocabulary.has("levels", lv)]
    return Entry(
        id=local.slug,
        names={"nl": local.name_nl, "en": local.name_en},
        summaries={"nl": local.summary_nl, "en": local.summary_en},
        phases=tuple(p for p in vocabulary.ids("phases") if p in local.phases),
        levels=tuple(sorted(levels, key=vocabulary.level_rank)),
        goals=frozenset(local.goals),
        reaches=frozenset(local.reaches),
        forms=frozenset(),
        online=local.online,
        cost_min=local.cost_min_eur,
        cost_max=local.cost_max_eur,
        cost_band=cost_band_of(local.cost_max_eur, vocabulary),
        haystack=_haystack(
            local.slug, local.name_nl, local.name_en, local.summary_nl, local.summary_en, local.organisation.name
        ),
        local=local,
    )


@dataclass
class _CuratedIndex:
    catalogue: Catalogue
    entries: list[Entry]
    by_id: dict[str, Entry]
    sorted_by_lang: dict[str, list[Entry]] = field(default_factory=dict)


_index: _CuratedIndex | None = None


def _sort_key(lang: str):
    return lambda entry: (entry.name(lang).casefold(), entry.id)


def curated_index(catalogue: Catalogue | None = None) -> _CuratedIndex:
    """Entries for the curated catalogue, built once per catalogue object (the catalogue never changes at run time)."""
    global _index
    catalogue = catalogue if catalogue is not None else curated_catalogue()
    index = _index
    if index is None or index.catalogue is not catalogue:
        vocabulary = load_vocabulary()
        entries = [_curated_entry(i, vocabulary) for i in catalogue]
        index = _CuratedIndex(catalogue, entries, {e.id: e for e in entries})
        _index = index
    return index


def local_entries(*, vocabulary: Vocabulary | None = None) -> list[Entry]:
    """Every local instrument, in one query."""
    vocabulary = vocabulary or load_vocabulary()
    return [_local_entry(local, vocabulary) for local in LocalInstrument.objects.select_related("organisation")]


@dataclass(frozen=True)
class Filters:
    selected: Mapping[str, tuple[str, ...]]
    search: str = ""

    def active(self) -> bool:
        return bool(self.search) or any(self.selected.values())

    def query_items(self) -> list[tuple[str, str]]:
        items = [(param, value) for param, values in self.selected.items() for value in values]
        if self.search:
            items.append((SEARCH_PARAM, self.search))
        return items


def parse_filters(query: Any, *, vocabulary: Vocabulary | None = None) -> tuple[Filters, list[tuple[str, str]]]:
    """Filters from a GET query (a QueryDict or a dict of lists); unknown values are returned separately."""
    vocabulary = vocabulary or load_vocabulary()
    getlist = query.getlist if hasattr(query, "getlist") else (lambda key: list(query.get(key, [])))
    selected: dict[str, tuple[str, ...]] = {}
    ignored: list[tuple[str, str]] = []
    for param, section in FACETS.items():
        values: list[str] = []
        for value in getlist(param):
            if vocabulary.has(section, value):
                if value not in values:
                    values.append(value)
            elif value:
                ignored.append((param, value))
        selected[param] = tuple(values)
    searches = getlist(SEARCH_PARAM)
    search = " ".join((searches[-1] if searches else "").split())[:100]
    return Filters(selected, search), ignored


def _online_accepts(selected: Iterable[str]) -> frozenset[str]:
    # "Online en fysiek" (hybrid) serves someone who asks for online as well as someone who asks for in person.
    accepted = set(selected)
    if accepted & {"online", "offline"}:
        accepted.add("hybrid")
    return frozenset(accepted)


def filter_entries(entries: Iterable[Entry], filters: Filters) -> list[Entry]:
    """Within a facet any chosen value matches; across facets all must match."""
    s = filters.selected
    phases, levels, goals = set(s.get("fase", ())), set(s.get("trede", ())), set(s.get("doel", ()))
    reaches, forms, bands = set(s.get("bereikt", ())), set(s.get("democratievorm", ())), set(s.get("kosten", ()))
    online = _online_accepts(s.get("online", ())) if s.get("online") else None
    needle = filters.search.casefold()
    result = []
    for e in entries:
        if phases and phases.isdisjoint(e.phases):
            continue
        if levels and levels.isdisjoint(e.levels):
            continue
        if goals and goals.isdisjoint(e.goals):
            continue
        if reaches and reaches.isdisjoint(e.reaches):
            continue
        if forms and forms.isdisjoint(e.forms):
            continue
        if online is not None and e.online not in online:
            continue
        if bands and e.cost_band not in bands:
            continue
        if needle and needle not in e.haystack:
            continue
        result.append(e)
    return result


def catalogue_entries(*, catalogue: Catalogue | None = None, lang: str = "nl") -> list[Entry]:
    """Curated and local instruments together, sorted by name in the given language."""
    index = curated_index(catalogue)
    curated = index.sorted_by_lang.get(lang)
    if curated is None:
        curated = index.sorted_by_lang[lang] = sorted(index.entries, key=_sort_key(lang))
    local = local_entries()
    if not local:
        return list(curated)
    return sorted(curated + local, key=_sort_key(lang))


def cards(entries: Iterable[Entry], *, lang: str, vocabulary: Vocabulary | None = None) -> list[dict[str, Any]]:
    """What a card on the list page shows, in `lang` (only for the entries on the current page)."""
    v = vocabulary or load_vocabulary()
    return [
        {
            "id": e.id,
            "name": e.name(lang),
            "summary": e.summary(lang),
            "phases": _labels(v, "phases", e.phases, lang),
            "levels": _labels(v, "levels", e.levels, lang),
            "online": v.label("online_modes", e.online, lang),
            "is_local": e.is_local,
            "municipality": e.municipality,
        }
        for e in entries
    ]


def entry_by_id(instrument_id: str, *, catalogue: Catalogue | None = None) -> Entry | None:
    entry = curated_index(catalogue).by_id.get(instrument_id)
    if entry is not None:
        return entry
    local = LocalInstrument.objects.select_related("organisation").filter(slug=instrument_id).first()
    return _local_entry(local, load_vocabulary()) if local else None


def experiences_for(instrument_id: str) -> list[Experience]:
    """Every organisation's experiences with one instrument (for colleagues: see catalogue/rules.py)."""
    return list(Experience.objects.select_related("organisation").filter(instrument_id=instrument_id))


def instrument_choices(*, catalogue: Catalogue | None = None, lang: str = "nl") -> list[tuple[str, str]]:
    """(id, name) for every instrument, for the experience form."""
    return [
        (e.id, f"{e.name(lang)} ({_('lokaal')})" if e.is_local else e.name(lang))
        for e in catalogue_entries(catalogue=catalogue, lang=lang)
    ]


def facet_options(filters: Filters, *, lang: str, vocabulary: Vocabulary | None = None) -> list[dict[str, Any]]:
    """The filter form: per facet its legend and checkbox options, with the chosen ones checked."""
    vocabulary = vocabulary or load_vocabulary()
    legends = {
        "fase": _("Fase"),
        "trede": _("Trede op de participatieladder"),
        "doel": _("Doel"),
        "bereikt": _("Bereikt deze doelgroep"),
        "democratievorm": _("Vorm van democratie"),
        "online": _("Online of fysiek"),
        "kosten": _("Kosten"),
    }
    facets = []
    for param, section in FACETS.items():
        chosen = filters.selected.get(param, ())
        facets.append(
            {
                "param": param,
                "legend": legends[param],
                "chosen": len(chosen),
                "options": [
                    {"value": id_, "label": label, "checked": id_ in chosen, "dom_id": f"f-{param}-{id_}"}
                    for id_, label in vocabulary.choices(section, lang)
                ],
            }
        )
    return facets


# --- Presentation of one instrument (detail and compare) -------------------------------------------


def _number(value: float) -> str:
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


def range_text(value: Range | tuple[float, float], unit: str) -> dict[str, Any]:
    """`{'text': '€ 50.000 – € 250.000', 'estimate': True}` (unit: 'eur', 'hours', 'weeks' or 'people')."""
    low, high, estimate = (value.min, value.max, value.estimate) if isinstance(value, Range) else (*value, False)
    if unit == "eur":
        parts = [f"€ {_number(low)}", f"€ {_number(high)}"]
        text = parts[0] if low == high else f"{parts[0]} – {parts[1]}"
        return {"text": text, "estimate": estimate}
    span = _number(low) if low == high else f"{_number(low)} – {_number(high)}"
    units = {"hours": _("uur"), "weeks": _("weken"), "people": _("deelnemers")}
    return {"text": f"{span} {units[unit]}", "estimate": estimate}


def _labels(vocabulary: Vocabulary, section: str, ids: Iterable[str], lang: str) -> list[str]:
    return [vocabulary.label(section, id_, lang) for id_ in ids]


def curated_detail(instrument: Instrument, *, lang: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """Everything about one curated instrument, with vocabulary ids turned into labels in `lang`."""
    v = vocabulary or load_vocabulary()
    levels = sorted(instrument.levels, key=v.level_rank)
    goal_order = {goal: i for i, goal in enumerate(v.ids("goals"))}
    req = instrument.requirements
    return {
        "name": instrument.name.get(lang),
        "summary": instrument.summary.get(lang),
        "description": instrument.description.get(lang),
        "goals": [
            {"label": v.label("goals", goal, lang), "strength": strength}
            for goal, strength in sorted(instrument.goals.items(), key=lambda item: (-item[1], goal_order[item[0]]))
        ],
        "levels": [{"label": v.label("levels", lv, lang), "promise": v.promise(lv, lang)} for lv in levels],
        "phases": _labels(v, "phases", [p for p in v.ids("phases") if p in instrument.phases], lang),
        "forms": _labels(v, "democracy_forms", instrument.democracy_forms, lang),
        "selection": _labels(v, "selection", instrument.selection, lang),
        "scales": _labels(v, "scales", instrument.scales, lang),
        "participants": range_text(instrument.participants, "people"),
        "reaches": _labels(v, "target_groups", instrument.reaches, lang),
        "misses": _labels(v, "target_groups", instrument.misses, lang),
        "online": v.label("online_modes", instrument.online, lang),
        "cost": range_text(instrument.cost_eur, "eur"),
        "staff_hours": range_text(instrument.staff_hours, "hours"),
        "lead_time": range_text(instrument.lead_time_weeks, "weeks"),
        "duration": range_text(instrument.duration_weeks, "weeks"),
        "vote": instrument.vote,
        "council_role": instrument.council_role.get(lang),
        "risks": [risk.get(lang) for risk in instrument.risks],
        "requirements": [
            {"heading": v.label("requirement_kinds", kind, lang), "items": [t.get(lang) for t in getattr(req, kind)]}
            for kind in v.ids("requirement_kinds")
        ],
        "legal_basis": instrument.legal_basis.get(lang) if instrument.legal_basis else "",
        "examples": [
            {"place": ex.place, "year": ex.year, "text": ex.text.get(lang), "url": ex.url} for ex in instrument.examples
        ],
        "sources": [{"title": s.title, "url": s.url} for s in instrument.sources],
    }


def local_detail(local: LocalInstrument, *, lang: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    v = vocabulary or load_vocabulary()
    levels = sorted((lv for lv in local.levels if v.has("levels", lv)), key=v.level_rank)
    return {
        "name": local.name(lang),
        "summary": local.summary(lang),
        "phases": _labels(v, "phases", [p for p in v.ids("phases") if p in local.phases], lang),
        "levels": [{"label": v.label("levels", lv, lang), "promise": v.promise(lv, lang)} for lv in levels],
        "goals": [{"label": label, "strength": None} for label in _labels(v, "goals", local.goals, lang)],
        "reaches": _labels(v, "target_groups", local.reaches, lang),
        "online": v.label("online_modes", local.online, lang),
        "cost": range_text((local.cost_min_eur, local.cost_max_eur), "eur"),
        "municipality": local.organisation.name,
        "contact_role": local.contact_role,
    }


@dataclass(frozen=True)
class Comparison:
    entries: list[Entry]
    rows: list[dict[str, Any]]


def parse_compare_ids(ids: Sequence[str], *, catalogue: Catalogue | None = None) -> tuple[list[Entry], list[str]]:
    """The entries for the chosen ids (order kept, repeats dropped) and Dutch problems, if any."""
    unique = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    problems: list[str] = []
    if len(unique) < COMPARE_MIN:
        problems.append(
            _("Kies minstens 2 instrumenten om te vergelijken. U koos er %(count)s.") % {"count": len(unique)}
        )
    elif len(unique) > COMPARE_MAX:
        problems.append(
            _("Kies hoogstens 4 instrumenten om te vergelijken. U koos er %(count)s.") % {"count": len(unique)}
        )
    entries = []
    for instrument_id in unique[: COMPARE_MAX + 1]:
        entry = entry_by_id(instrument_id[:60], catalogue=catalogue)
        if entry is None:
            problems.append(_("Het instrument met code ‘%(id)s’ bestaat niet.") % {"id": instrument_id[:60]})
        else:
            entries.append(entry)
    return entries, problems


def comparison(entries: list[Entry], *, lang: str, vocabulary: Vocabulary | None = None) -> Comparison:
    """A row per attribute, a cell per instrument; an attribute a local instrument lacks is None."""
    v = vocabulary or load_vocabulary()
    details = [
        curated_detail(e.instrument, lang=lang, vocabulary=v)
        if e.instrument
        else local_detail(e.local, lang=lang, vocabulary=v)
        for e in entries
    ]

    def row(label: str, key: str, kind: str = "text") -> dict[str, Any]:
        return {"label": label, "kind": kind, "cells": [d.get(key) for d in details]}

    rows = [
        row(_("Samenvatting"), "summary"),
        row(_("Fasen"), "phases", "list"),
        row(_("Treden"), "levels", "levels"),
        row(_("Doelen"), "goals", "goals"),
        row(_("Vorm van democratie"), "forms", "list"),
        row(_("Selectie van deelnemers"), "selection", "list"),
        row(_("Aantal deelnemers"), "participants", "range"),
        row(_("Bereikt"), "reaches", "list"),
        row(_("Mist vaak"), "misses", "list"),
        row(_("Online of fysiek"), "online"),
        row(_("Kosten"), "cost", "range"),
        row(_("Ambtelijke uren"), "staff_hours", "range"),
        row(_("Voorbereidingstijd"), "lead_time", "range"),
        row(_("Looptijd"), "duration", "range"),
        row(_("Rol van de raad"), "council_role"),
        # Risks are whole sentences: a list of them, never joined with commas (".,").
        row(_("Risico's"), "risks", "sentences"),
    ]
    return Comparison(entries, rows)
