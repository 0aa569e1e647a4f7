"""Zelfscan lokale democratie: questionnaire model, answer checking and scoring (pure Python, no Django).

The questionnaire lives in `participatiemix/data/scan/questionnaire-<version>.yaml` and is validated on
load (Dutch `file: field: reason` errors). A submission is checked as a whole before anything is stored.
Aggregation works on pre-counted rows `(group, item, value, count)` (one grouped database query), so
10,000 responses cost the same Python work as 10: a few hundred rows.

Privacy rule (AVG): a respondent group with fewer than MIN_GROUP_SIZE responses is never shown on its own.
Small groups are merged into "overige"; when even together they stay below the minimum, their answers are
left out of every figure (also out of "alle respondenten", so they cannot be derived by subtraction).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from participatiemix.mix.errors import DataError, translate, unknown_id
from participatiemix.mix.vocabulary import DATA_DIR, Vocabulary, load_vocabulary

SCAN_DIR = DATA_DIR / "scan"
CURRENT_VERSION = "v1"

GROUPS = ("council", "executive", "staff", "residents")
CLOSED_GROUPS = ("council", "executive", "staff")
OTHER = "other"
ALL = "all"
MIN_GROUP_SIZE = 5
SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = "dk"
MAX_TEXT = 1000
MAX_CUSTOM_QUESTIONS = 4

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


# --------------------------------------------------------------------------- questionnaire model


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


class ScaleStep(Strict):
    value: int = Field(ge=1, le=5)
    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def label(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


class Item(Strict):
    id: str = Field(pattern=ID_PATTERN)
    text: Text
    text_by_group: dict[str, Text] = Field(default_factory=dict)

    @field_validator("text_by_group")
    @classmethod
    def _groups(cls, v: dict[str, Text]) -> dict[str, Text]:
        for group in v:
            if group not in GROUPS:
                raise ValueError(unknown_id(group, "respondentgroep", GROUPS))
        return v

    def statement(self, group: str | None = None, lang: str = "nl") -> str:
        text = self.text_by_group.get(group or "", self.text)
        return text.get(lang)


class Agenda(Strict):
    """What a municipality can do when this dimension scores low: feeds the improvement agenda."""

    reason: Text
    phase: str
    level: str
    goals: list[str] = Field(min_length=1)
    target_groups: list[str] = Field(min_length=1)
    instruments: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_ids(self, info: ValidationInfo) -> Agenda:
        vocab: Vocabulary = (info.context or {}).get("vocabulary") or load_vocabulary()
        checks = (
            ("phases", [self.phase], "beleidsfase"),
            ("levels", [self.level], "trede van de participatieladder"),
            ("goals", self.goals, "doel"),
            ("target_groups", self.target_groups, "doelgroep"),
            ("instruments", self.instruments, "instrument"),
        )
        for section, values, what in checks:
            for value in values:
                if not vocab.has(section, value):
                    raise ValueError(unknown_id(value, what, vocab.ids(section)))
        return self


class Dimension(Strict):
    id: str = Field(pattern=ID_PATTERN)
    family: Literal["democracy", "clear"]
    label: Text
    description: Text
    items: list[Item] = Field(min_length=2)
    agenda: Agenda


class OpenQuestion(Strict):
    id: str = Field(pattern=ID_PATTERN)
    text: Text


class Questionnaire(Strict):
    version: str = Field(pattern=r"^v[0-9]+$")
    title: Text
    intro: Text
    minutes: int = Field(ge=1, le=60)
    scale: list[ScaleStep] = Field(min_length=5, max_length=5)
    dont_know: Text
    groups: dict[str, Text]
    dimensions: list[Dimension] = Field(min_length=1)
    open_questions: list[OpenQuestion] = Field(default_factory=list)

    @field_validator("scale")
    @classmethod
    def _scale(cls, v: list[ScaleStep]) -> list[ScaleStep]:
        if [s.value for s in v] != list(SCALE):
            raise ValueError("de schaal moet de waarden 1, 2, 3, 4, 5 hebben, in die volgorde")
        return v

    @field_validator("groups")
    @classmethod
    def _all_groups(cls, v: dict[str, Text]) -> dict[str, Text]:
        if sorted(v) != sorted(GROUPS):
            raise ValueError(f"de groepen moeten precies {', '.join(GROUPS)} zijn")
        return v

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        seen: set[str] = set()
        ids = [d.id for d in self.dimensions] + [i.id for d in self.dimensions for i in d.items]
        ids += [q.id for q in self.open_questions]
        for id_ in ids:
            if id_ in seen:
                raise ValueError(f"id {id_!r} komt twee keer voor; elke dimensie en vraag heeft een eigen id")
            seen.add(id_)
        return self

    # Lookups used by the app and the report.
    @property
    def item_ids(self) -> list[str]:
        return [i.id for d in self.dimensions for i in d.items]

    @property
    def open_ids(self) -> list[str]:
        return [q.id for q in self.open_questions]

    def dimension(self, id_: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == id_), None)

    def item(self, id_: str) -> Item | None:
        return next((i for d in self.dimensions for i in d.items if i.id == id_), None)

    def dimension_of(self, item_id: str) -> str | None:
        return next((d.id for d in self.dimensions for i in d.items if i.id == item_id), None)

    def group_label(self, group: str, lang: str = "nl") -> str:
        if group in self.groups:
            return self.groups[group].get(lang)
        return {OTHER: ("Overige", "Other"), ALL: ("Alle respondenten", "All respondents")}.get(group, (group, group))[
            lang == "en"
        ]


def parse_questionnaire(data: object, source: str, vocabulary: Vocabulary | None = None) -> Questionnaire:
    if not isinstance(data, dict):
        raise DataError([f"{source}: (document): is geen vragenlijst; verwacht een lijst met velden (YAML-object)"])
    try:
        return Questionnaire.model_validate(data, context={"vocabulary": vocabulary or load_vocabulary()})
    except ValidationError as exc:
        raise DataError(translate(exc, source)) from None


def load_questionnaire_file(path: Path, vocabulary: Vocabulary | None = None) -> Questionnaire:
    source = f"scan/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise DataError([f"{source}: (document): bestand niet gevonden of niet leesbaar"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark else "(document)"
        raise DataError([f"{source}: {where}: is geen geldige YAML"]) from None
    questionnaire = parse_questionnaire(raw, source, vocabulary)
    if f"questionnaire-{questionnaire.version}.yaml" != path.name:
        raise DataError([f"{source}: version: {questionnaire.version!r} past niet bij de bestandsnaam"])
    return questionnaire


def available_versions(directory: Path = SCAN_DIR) -> list[str]:
    return sorted(p.stem.removeprefix("questionnaire-") for p in directory.glob("questionnaire-v*.yaml"))


@cache
def load_questionnaire(version: str = CURRENT_VERSION) -> Questionnaire:
    """A shipped questionnaire version (cached: files do not change at run time)."""
    if not re.fullmatch(r"v[0-9]+", version):
        raise DataError([f"scan: version: {version!r} is geen versie; toegestaan: {', '.join(available_versions())}"])
    return load_questionnaire_file(SCAN_DIR / f"questionnaire-{version}.yaml")


# --------------------------------------------------------------------------- submissions


@dataclass(frozen=True)
class Submission:
    """A checked answer set. `likert[item] is None` means "weet ik niet"; skipped questions are absent."""

    likert: dict[str, int | None]
    texts: dict[str, str]


class SubmissionError(ValueError):
    """The whole submission is refused; `errors` are (field name or None, Dutch message)."""

    def __init__(self, errors: Sequence[tuple[str | None, str]]):
        self.errors = list(errors)
        super().__init__("; ".join(m for _, m in self.errors))


def parse_submission(
    data: Mapping[str, Sequence[str]],
    *,
    likert_ids: Sequence[str],
    text_ids: Sequence[str],
    max_text: int = MAX_TEXT,
) -> Submission:
    """Check posted answers (field `q_<id>` for a statement, `t_<id>` for an open question).

    Every value is a list (as a browser may post a field twice). Refuses, with every problem named:
    a question that is not in this scan, a value outside 1-5 / "weet ik niet", a field posted twice,
    a text that is too long, or a form without a single answer.
    """
    likert_allowed, text_allowed = set(likert_ids), set(text_ids)
    errors: list[tuple[str | None, str]] = []
    likert: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    for name, values in data.items():
        kind, _, id_ = name.partition("_")
        if not ((kind == "q" and id_ in likert_allowed) or (kind == "t" and id_ in text_allowed)):
            errors.append((None, f"Het formulier bevat een vraag die niet in deze zelfscan staat ({name[:40]!r})."))
            continue
        filled = [v for v in values if v.strip()]
        if len(filled) > 1:
            errors.append((name, "Deze vraag is meer dan één keer beantwoord. Kies één antwoord."))
            continue
        if not filled:
            continue
        value = filled[0].strip()
        if kind == "q":
            if value == DONT_KNOW:
                likert[id_] = None
            elif value in {"1", "2", "3", "4", "5"}:
                likert[id_] = int(value)
            else:
                errors.append((name, f"{value[:20]!r} is geen geldig antwoord. Kies 1 tot en met 5 of 'weet ik niet'."))
        elif len(value) > max_text:
            errors.append(
                (name, f"Dit antwoord is {len(value)} tekens lang. Het mag hoogstens {max_text} tekens zijn.")
            )
        else:
            texts[id_] = value
    if not errors and not likert and not texts:
        errors.append((None, "U heeft nog geen enkele vraag beantwoord. Beantwoord minstens één vraag."))
    if errors:
        raise SubmissionError(errors)
    return Submission(likert=likert, texts=texts)


# --------------------------------------------------------------------------- aggregation


@dataclass
class Cell:
    """Answers to one statement (or a dimension) by one group: numeric answers and "weet ik niet"."""

    n: int = 0
    total: int = 0
    dont_know: int = 0
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    def add(self, value: int | None, count: int) -> None:
        if value is None:
            self.dont_know += count
        else:
            self.n += count
            self.total += value * count
            self.counts[value] = self.counts.get(value, 0) + count

    def merge(self, other: Cell) -> None:
        self.n += other.n
        self.total += other.total
        self.dont_know += other.dont_know
        for value, count in other.counts.items():
            self.counts[value] = self.counts.get(value, 0) + count


@dataclass(frozen=True)
class Gap:
    """Where groups differ most on one statement or dimension."""

    key: str
    high_group: str
    high_mean: float
    low_group: str
    low_mean: float

    @property
    def difference(self) -> float:
        return self.high_mean - self.low_mean


@dataclass
class Results:
    response_counts: dict[str, int]  # every selected group, raw counts (counts are not opinions)
    shown_groups: list[str]  # groups with their own column, in display order, ending with ALL
    merged_groups: list[str]  # small groups shown together as OTHER
    hidden_groups: list[str]  # small groups left out of every figure
    items: dict[tuple[str, str], Cell]  # (group, item) -> cell, for shown groups
    dimensions: dict[tuple[str, str], Cell]  # (group, dimension) -> cell
    item_gaps: list[Gap]
    dimension_gaps: list[Gap]
    min_group_size: int = MIN_GROUP_SIZE

    @property
    def comparable_groups(self) -> list[str]:
        return [g for g in self.shown_groups if g != ALL]

    @property
    def total_responses(self) -> int:
        return sum(self.response_counts.values())

    @property
    def counted_responses(self) -> int:
        return sum(n for g, n in self.response_counts.items() if g not in self.hidden_groups)

    @property
    def has_results(self) -> bool:
        return ALL in self.shown_groups

    def mean(self, group: str, key: str, *, dimension: bool = False) -> float | None:
        cell = (self.dimensions if dimension else self.items).get((group, key))
        return cell.mean if cell else None

    def ranked_dimensions(self, group: str = ALL) -> list[tuple[str, float]]:
        """Dimensions from weakest to strongest for a group (those without answers left out)."""
        scored = [(d, c.mean) for (g, d), c in self.dimensions.items() if g == group and c.mean is not None]
        return sorted(scored, key=lambda pair: (pair[1], pair[0]))


def plan_groups(counts: Mapping[str, int], min_size: int = MIN_GROUP_SIZE) -> tuple[list[str], list[str], list[str]]:
    """Which groups are shown, merged into "overige", or hidden (privacy rule, see module docstring)."""
    present = [g for g in GROUPS if counts.get(g, 0) > 0] + sorted(g for g in counts if g not in GROUPS)
    large = [g for g in present if counts.get(g, 0) >= min_size]
    small = [g for g in present if 0 < counts.get(g, 0) < min_size]
    if sum(counts.get(g, 0) for g in small) >= min_size:
        merged, hidden = small, []
    else:
        merged, hidden = [], small
    shown = large + ([OTHER] if merged else [])
    if shown:
        shown.append(ALL)
    return shown, merged, hidden


def aggregate(
    *,
    item_dimension: Mapping[str, str],
    counts: Mapping[str, int],
    rows: Iterable[tuple[str, str, int | None, int]],
    min_group_size: int = MIN_GROUP_SIZE,
    gap_limit: int = 10,
) -> Results:
    """Turn pre-counted answers into a profile per group.

    `item_dimension` maps each scored statement to its dimension (statements that belong to no
    dimension, such as a municipality's own questions, map to ""). `counts` is the number of responses
    per group, `rows` are `(group, item, value or None for "weet ik niet", number of answers)`.
    Means exclude "weet ik niet"; a dimension mean is the mean of all its numeric answers.
    """
    shown, merged, hidden = plan_groups(counts, min_group_size)
    visible = set(shown)
    target = {g: g for g in shown}
    target.update({g: OTHER for g in merged})
    items: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for group, item, value, count in rows:
        column = target.get(group)
        if column is None or column not in visible or item not in item_dimension or count <= 0:
            continue
        items[(column, item)].add(value, count)
        items[(ALL, item)].add(value, count)
    dimensions: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for (group, item), cell in items.items():
        dimension = item_dimension[item]
        if dimension:
            dimensions[(group, dimension)].merge(cell)
    comparable = [g for g in shown if g != ALL]
    item_gaps = _gaps(items, comparable, [i for i in item_dimension], gap_limit)
    dimension_gaps = _gaps(dimensions, comparable, sorted({d for d in item_dimension.values() if d}), None)
    return Results(
        response_counts={g: int(counts.get(g, 0)) for g in counts},
        shown_groups=shown if shown and counts else [],
        merged_groups=merged,
        hidden_groups=hidden,
        items=dict(items),
        dimensions=dict(dimensions),
        item_gaps=item_gaps,
        dimension_gaps=dimension_gaps,
        min_group_size=min_group_size,
    )


def _gaps(cells: Mapping[tuple[str, str], Cell], groups: Sequence[str], keys: Sequence[str], limit: int | None):
    if len(groups) < 2:
        return []
    gaps = []
    for key in keys:
        means = [(cells[(g, key)].mean, g) for g in groups if (g, key) in cells and cells[(g, key)].mean is not None]
        if len(means) < 2:
            continue
        high = max(means, key=lambda m: (m[0], -groups.index(m[1])))
        low = min(means, key=lambda m: (m[0], groups.index(m[1])))
        gaps.append(Gap(key=key, high_group=high[1], high_mean=high[0], low_group=low[1], low_mean=low[0]))
    gaps.sort(key=lambda g: (-round(g.difference, 9), g.key))
    return gaps[:limit] if limit is not None else gaps


# --------------------------------------------------------------------------- trend between rounds


@dataclass(frozen=True)
class TrendRow:
    group: str
    dimension: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def trend(*, earlier: Results, later: Results, dimension_ids: Sequence[str]) -> list[TrendRow]:
    """Dimension means per group in two rounds; groups shown in either round, ALL last."""
    groups = [g for g in (*GROUPS, OTHER) if g in earlier.shown_groups or g in later.shown_groups]
    groups.append(ALL)
    rows = []
    for group in groups:
        for dimension in dimension_ids:
            before = earlier.mean(group, dimension, dimension=True)
            after = later.mean(group, dimension, dimension=True)
            if before is not None or after is not None:
                rows.append(TrendRow(group=group, dimension=dimension, before=before, after=after))
    return rows


# --------------------------------------------------------------------------- open answers by theme


@dataclass(frozen=True)
class TextGroup:
    label: tuple[str, ...]  # a few key words that set the group apart
    texts: tuple[str, ...]


def group_texts(texts: Sequence[str], *, max_groups: int = 6, seed: int = 0, sample_size: int = 400) -> list[TextGroup]:
    """Group open answers by theme with the shared text grouping of `mix/text_groups.py`.

    That grouping (TF-IDF on character n-grams 3-5 within words, average-linkage clustering on cosine
    distance) compares every pair of texts, which is fine for a workshop but not for thousands of scan
    answers. So identical answers are grouped once, and when there are more than `sample_size` different
    answers the groups are formed on a fixed random sample; every other answer then joins the group whose
    centre it is most similar to. Deterministic for a seed. Biggest group first; input order within a group.
    """
    from participatiemix.mix import text_groups

    cleaned = [t.strip() for t in texts if t and t.strip()]
    if not cleaned:
        return []
    unique = list(dict.fromkeys(cleaned))
    if len(unique) > sample_size:
        import random

        chosen = set(random.Random(seed).sample(range(len(unique)), sample_size))
        sample = [t for i, t in enumerate(unique) if i in chosen]
    else:
        sample = unique
    from threadpoolctl import threadpool_limits

    # One thread: for these small matrices OpenMP/BLAS start-up costs far more than it saves (measured 40x).
    with threadpool_limits(limits=1):
        groups = text_groups.group_texts(sample, max_groups=max_groups)
        group_of = {sample[i]: g for g, group in enumerate(groups) for i in group.member_indices}
        rest = [t for t in unique if t not in group_of]
        if rest:
            group_of.update(_nearest_group(sample, groups, rest))
        members: list[list[int]] = [[] for _ in groups]
        for index, text in enumerate(cleaned):
            members[group_of[text]].append(index)
        members = [m for m in members if m]
        labels = text_groups.label_groups(cleaned, members)
    result = [TextGroup(label=lab, texts=tuple(cleaned[i] for i in m)) for lab, m in zip(labels, members, strict=True)]
    result.sort(key=lambda g: (-len(g.texts), g.label))
    return result


def _nearest_group(sample: Sequence[str], groups, rest: Sequence[str]) -> dict[str, int]:
    """Put each text in `rest` in the group whose centre (mean n-gram vector of its sample texts) is closest."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True)
    fitted = vectorizer.fit_transform(sample)
    centres = normalize(np.vstack([np.asarray(fitted[list(g.member_indices)].mean(axis=0)) for g in groups]))
    similarity = vectorizer.transform(rest) @ centres.T
    return {text: int(best) for text, best in zip(rest, np.asarray(similarity).argmax(axis=1), strict=True)}
