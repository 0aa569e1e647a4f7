"""Checking one submitted survey against its questions: skip logic, required questions, allowed values.

Pure over plain data (`Structure` from selectors.survey_structure and a {field name: [values]} mapping), so it
is fast and property-tested. Skip logic runs here, on the server: answers to questions a rule skipped are
ignored and those questions are not required, so the survey works the same with or without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from participatiemix.mix.text import clean_text

FIELD = re.compile(r"^q(\d{1,18})(?:_o(\d{1,18}))?$")
SHORT_MAX = 300
LONG_MAX = 5000
NUMBER_LIMIT = 10**9  # stored in an IntegerField


@dataclass(frozen=True)
class OptionData:
    id: int
    label: str


@dataclass(frozen=True)
class RuleData:
    option_id: int | None
    yes: bool | None
    target_id: int | None  # None: the end of the survey


@dataclass(frozen=True)
class QuestionData:
    id: int
    number: int  # 1, 2, 3 ... across the whole survey
    kind: str
    text: str
    required: bool = False
    options: tuple[OptionData, ...] = ()
    rules: tuple[RuleData, ...] = ()
    min_value: int | None = None
    max_value: int | None = None

    @property
    def field_name(self) -> str:
        return f"q{self.id}"


@dataclass(frozen=True)
class Structure:
    survey_id: int
    questions: tuple[QuestionData, ...]

    def index(self) -> dict[int, int]:
        return {q.id: i for i, q in enumerate(self.questions)}


@dataclass(frozen=True)
class AnswerValue:
    question_id: int
    option_id: int | None = None
    number: int | None = None
    rank: int | None = None
    text: str = ""


@dataclass
class Checked:
    answers: list[AnswerValue] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field name, message naming the question)
    skipped: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


def _q(q: QuestionData) -> str:
    return _("Vraag %(n)s ‘%(text)s’") % {"n": q.number, "text": q.text}


def _values(data: Mapping[str, Sequence[str]], name: str) -> list[str]:
    raw = data.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return [v.strip() for v in raw if isinstance(v, str) and v.strip()]


def _int(value: str) -> int | None:
    value = value.strip()
    if not re.fullmatch(r"[-+]?\d{1,10}", value):
        return None
    number = int(value)
    return number if abs(number) < NUMBER_LIMIT else None


def unknown_fields(structure: Structure, data: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """Fields that look like answers but belong to no question (or option) of this survey: a tampered form."""
    questions = {q.id: q for q in structure.questions}
    errors = []
    for name in data:
        match = FIELD.match(name)
        if not match:
            if name.startswith("q") and name[1:2].isdigit():
                errors.append((name, _("Het veld ‘%(field)s’ hoort niet bij deze enquête.") % {"field": name[:40]}))
            continue
        question = questions.get(int(match.group(1)))
        if question is None:
            errors.append(
                (
                    name,
                    _("Het veld ‘%(field)s’ hoort niet bij deze enquête. Laad de pagina opnieuw.")
                    % {"field": name[:40]},
                )
            )
        elif match.group(2) and (
            question.kind != "ranking" or int(match.group(2)) not in {o.id for o in question.options}
        ):
            errors.append(
                (
                    name,
                    _("%(q)s: het veld ‘%(field)s’ is geen keuze van deze vraag.")
                    % {"q": _q(question), "field": name[:40]},
                )
            )
        elif not match.group(2) and question.kind == "ranking":
            errors.append((name, _("%(q)s: geef per keuze een plaats.") % {"q": _q(question)}))
    return errors


def check_answer(question: QuestionData, data: Mapping[str, Sequence[str]]) -> tuple[list[AnswerValue], str]:
    """The answer rows for one (not skipped) question, or a message naming the question and what is allowed."""
    q, name = question, question.field_name
    values = _values(data, name)
    option_ids = {o.id: o for o in q.options}
    if q.kind == "ranking":
        ranks: dict[int, int] = {}
        for o in q.options:
            given = _values(data, f"{name}_o{o.id}")
            if not given:
                continue
            rank = _int(given[0])
            if len(given) > 1 or rank is None or not 1 <= rank <= len(q.options):
                return [], _("%(q)s: geef elke keuze een plaats van 1 tot en met %(n)s.") % {
                    "q": _q(q),
                    "n": len(q.options),
                }
            ranks[o.id] = rank
        if len(set(ranks.values())) != len(ranks):
            return [], _("%(q)s: elke plaats mag maar één keer voorkomen.") % {"q": _q(q)}
        if ranks and sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
            # Places 1..k without a gap: a ranked answer always has a first place (results count people by it).
            return [], _("%(q)s: begin bij plaats 1 en sla geen plaats over.") % {"q": _q(q)}
        if q.required and len(ranks) != len(q.options):
            return [], _("%(q)s: deze vraag is verplicht. Geef alle %(n)s keuzes een plaats.") % {
                "q": _q(q),
                "n": len(q.options),
            }
        return [AnswerValue(q.id, option_id=o, rank=r) for o, r in ranks.items()], ""
    if not values:
        if q.required:
            return [], _("%(q)s: deze vraag is verplicht. Geef een antwoord.") % {"q": _q(q)}
        return [], ""
    if q.kind == "multiple":
        chosen = [_int(v) for v in values]
        if any(c not in option_ids for c in chosen) or len(set(chosen)) != len(chosen):
            return [], _("%(q)s: kies alleen uit de keuzes die bij de vraag staan.") % {"q": _q(q)}
        # Each row carries how many options this person chose, so results count people without COUNT(DISTINCT).
        return [AnswerValue(q.id, option_id=c, number=len(chosen)) for c in chosen], ""
    if len(values) > 1:
        return [], _("%(q)s: geef één antwoord.") % {"q": _q(q)}
    value = values[0]
    if q.kind == "single":
        chosen = _int(value)
        if chosen not in option_ids:
            labels = ", ".join(o.label for o in q.options)
            return [], _("%(q)s: kies een van deze keuzes: %(labels)s.") % {"q": _q(q), "labels": labels}
        return [AnswerValue(q.id, option_id=chosen)], ""
    if q.kind == "yes_no":
        if value not in ("yes", "no"):
            return [], _("%(q)s: kies ja of nee.") % {"q": _q(q)}
        return [AnswerValue(q.id, number=1 if value == "yes" else 0)], ""
    if q.kind in ("scale", "number"):
        number = _int(value)
        low = q.min_value if q.min_value is not None else -NUMBER_LIMIT + 1
        high = q.max_value if q.max_value is not None else NUMBER_LIMIT - 1
        if number is None or not low <= number <= high:
            if q.min_value is not None and q.max_value is not None:
                return [], _("%(q)s: vul een heel getal in van %(low)s tot en met %(high)s.") % {
                    "q": _q(q),
                    "low": q.min_value,
                    "high": q.max_value,
                }
            return [], _("%(q)s: vul een heel getal in.") % {"q": _q(q)}
        return [AnswerValue(q.id, number=number)], ""
    limit = SHORT_MAX if q.kind == "short_text" else LONG_MAX
    text = clean_text(value, multiline=q.kind == "long_text")
    if len(text) > limit:
        return [], _("%(q)s: gebruik hoogstens %(n)s tekens (nu %(len)s).") % {"q": _q(q), "n": limit, "len": len(text)}
    if not text:
        if q.required:
            return [], _("%(q)s: deze vraag is verplicht. Geef een antwoord.") % {"q": _q(q)}
        return [], ""
    return [AnswerValue(q.id, text=text)], ""


def _jump(question: QuestionData, rows: list[AnswerValue], index: dict[int, int], end: int) -> int | None:
    """Where a matching skip rule sends the respondent (index of the next question to answer), if any."""
    chosen = {r.option_id for r in rows if r.option_id is not None}
    yes = rows[0].number == 1 if rows and question.kind == "yes_no" else None
    targets = [
        end if rule.target_id is None else index.get(rule.target_id, end)
        for rule in question.rules
        if (rule.option_id is not None and rule.option_id in chosen) or (rule.yes is not None and rule.yes == yes)
    ]
    return max(targets) if targets else None


def check_submission(structure: Structure, data: Mapping[str, Sequence[str]]) -> Checked:
    """Every answer checked in question order; questions a skip rule jumps over are ignored."""
    result = Checked(errors=unknown_fields(structure, data))
    index = structure.index()
    end = len(structure.questions)
    resume = 0
    for i, question in enumerate(structure.questions):
        if i < resume:
            result.skipped.add(question.id)
            continue
        rows, error = check_answer(question, data)
        if error:
            result.errors.append((question.field_name, error))
            continue
        result.answers.extend(rows)
        jump = _jump(question, rows, index, end)
        if jump is not None and jump > i + 1:
            resume = jump
    return result
