"""Zelfscan writes: rounds, codes, responses (all-or-nothing), closing with purge, agenda, deletion.

Duplicate suppression for the open resident link (what we chose and why)
-----------------------------------------------------------------------
Residents answer without an account, so we cannot know for sure who answered. The old rule (one answer per
address + browser per hour, stored with the exact time) could be joined to responses by time and insertion
order, and it refused a second resident on the same Wi-Fi with the same phone type. Now:

1. **A signed cookie in the resident's own browser** ("this browser answered") is the first guard: it stops
   the usual double submission (back button, second visit). It is not stored on our side. On a shared
   computer (a household, a library) the refusal page offers "Iemand anders op deze computer?", which removes
   the cookie, so the next person can answer.
2. **At most ADDRESS_DAILY_LIMIT answers per address per day** through one round's open link (not 1: a family,
   a library or a town hall shares an address). `AddressTally` holds only an HMAC of the address keyed with
   the round's own `tally_salt` (not the SECRET_KEY) and a count. No time, a random UUID, no link to a
   response; the browser is not part of it.
3. **Expiry without a time per row**: the salt belongs to one day (`tally_day`). On the first answer of a new
   day, and in `scan_purge`, the salt is replaced and every tally of the round deleted; closing a round deletes
   all its tallies and blanks the salt. Old digests can then not be recomputed, not even by us.

Responses and answers have random ids (models.RandomIdField) and only a date, so nothing stored says in
which order or at what time answers came in. What remains: the physical order of rows inside the database
files (PostgreSQL's ctid), readable only with direct database access; see docs/deploy.md for who has that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participatiemix.mix import scan as mix_scan
from participatiemix.scan.models import (
    AccessCode,
    AddressTally,
    Answer,
    CustomQuestion,
    OpenAnswer,
    Priority,
    Response,
    RoundGroup,
    ScanRound,
    new_salt,
)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to type from paper
CODE_LENGTH = 10  # ~49 bits: guessing is hopeless within the rate limit
MAX_CODES_PER_BATCH = 500
ADDRESS_DAILY_LIMIT = 10  # answers per address per day through one open link: a household or library fits
# Rounds cannot stay open for ever (and dates near 9999-12-31 break date arithmetic): at most five years.
MAX_ROUND_DAYS = 5 * 366


class ScanError(Exception):
    """A refusal with a Dutch message for the respondent or trekker; nothing was stored."""

    def __init__(self, message: str, *, field: str | None = None):
        self.message = message
        self.field = field
        super().__init__(message)


# --------------------------------------------------------------------------- rounds


@dataclass(frozen=True)
class CustomQuestionInput:
    text: str
    kind: str = "likert"


@transaction.atomic
def round_create(
    *,
    municipality: str,
    title: str,
    groups: Sequence[str],
    opens_on: dt.date,
    closes_on: dt.date,
    organisation,
    custom_questions: Sequence[CustomQuestionInput] = (),
    created_by=None,
    results_shared: str = "",
) -> ScanRound:
    if organisation is None:
        raise ScanError(_("U werkt nog niet voor een organisatie. Vraag de beheerder om u toe te voegen."))
    if not groups or any(g not in mix_scan.GROUPS for g in groups):
        raise ScanError(_("Kies minstens één groep: raadsleden, collegeleden, ambtenaren of inwoners."), field="groups")
    if closes_on < opens_on:
        raise ScanError(_("De einddatum ligt vóór de begindatum. Kies een einddatum na de begindatum."))
    if (closes_on - opens_on).days > MAX_ROUND_DAYS:
        raise ScanError(_("Een ronde duurt hoogstens vijf jaar. Kies een eerdere einddatum."), field="closes_on")
    if len(custom_questions) > mix_scan.MAX_CUSTOM_QUESTIONS:
        raise ScanError(_("U kunt hoogstens 4 eigen vragen toevoegen."))
    scan_round = ScanRound.objects.create(
        organisation=organisation,
        municipality=municipality.strip(),
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        results_shared=results_shared.strip(),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    for group in mix_scan.GROUPS:
        if group in groups:
            RoundGroup.objects.create(round=scan_round, group=group)
    for position, question in enumerate(custom_questions, start=1):
        CustomQuestion.objects.create(
            round=scan_round, position=position, text=question.text.strip(), kind=question.kind
        )
    return scan_round


def round_close(*, scan_round: ScanRound) -> int:
    """Close a round now and delete its address tallies; returns the number of tallies removed."""
    with transaction.atomic():
        if scan_round.closed_at is None:
            scan_round.closed_at = timezone.now()
        scan_round.tally_salt = ""
        scan_round.tally_day = None
        scan_round.save(update_fields=["closed_at", "tally_salt", "tally_day"])
        removed, _detail = AddressTally.objects.filter(round=scan_round).delete()
    return removed


def tallies_purge(*, today: dt.date | None = None) -> int:
    """Forget the address tallies of closed rounds and of an earlier day (blank salt); returns how many."""
    today = today or timezone.localdate()
    done = Q(closed_at__isnull=False) | Q(closes_on__lt=today) | Q(tally_day__lt=today) | Q(tally_day__isnull=True)
    removed = 0
    for scan_round in ScanRound.objects.filter(done).exclude(tally_salt=""):
        with transaction.atomic():
            ScanRound.objects.filter(pk=scan_round.pk).update(tally_salt="", tally_day=None)
            count, _detail = AddressTally.objects.filter(round=scan_round).delete()
        removed += count
    return removed


def _rotate_tallies(*, scan_round: ScanRound, today: dt.date) -> int:
    """A new day: a new salt (yesterday's digests can no longer be recomputed) and no tallies."""
    with transaction.atomic():
        ScanRound.objects.filter(pk=scan_round.pk).update(tally_salt=new_salt(), tally_day=today)
        removed, _detail = AddressTally.objects.filter(round=scan_round).delete()
    return removed


@transaction.atomic
def round_delete(*, scan_round: ScanRound) -> None:
    """Delete a round with every group, code, response, answer, tally and priority (cascade)."""
    scan_round.delete()


# --------------------------------------------------------------------------- codes


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(*, salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{normalise_code(code)}".encode()).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def codes_generate(*, round_group: RoundGroup, count: int) -> list[str]:
    """Make `count` new single-use codes and return them once, readable; only hashes are stored."""
    if not round_group.uses_codes:
        raise ScanError(_("Inwoners doen mee via de open link; voor deze groep zijn geen codes nodig."))
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ScanError(_("Kies een aantal codes van 1 tot en met %(max)d.") % {"max": MAX_CODES_PER_BATCH})
    if round_group.round.is_closed:
        raise ScanError(_("Deze ronde is gesloten. Er kunnen geen codes meer bij."))
    salt = round_group.round.code_salt
    codes: list[str] = []
    hashes: set[str] = set()
    while len(codes) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        digest = hash_code(salt=salt, code=code)
        if digest in hashes:
            continue
        hashes.add(digest)
        codes.append(format_code(code))
    AccessCode.objects.bulk_create(AccessCode(round_group=round_group, code_hash=h) for h in hashes)
    return codes


def round_open_check(*, scan_round: ScanRound, today: dt.date | None = None) -> None:
    status = scan_round.status(today)
    if status == "planned":
        raise ScanError(
            _("Deze zelfscan begint op %(date)s. Tot die dag kunt u nog niet meedoen.")
            % {"date": date_format(scan_round.opens_on, "j F Y")}
        )
    if status == "closed":
        raise ScanError(_("Deze zelfscan is gesloten. U kunt niet meer meedoen. Dank u wel voor uw belangstelling."))


def code_check(*, round_group: RoundGroup, code: str) -> AccessCode:
    """The unused code for this group, or a ScanError that says what is wrong (nothing changes)."""
    scan_round = round_group.round
    cleaned = normalise_code(code)
    if not cleaned:
        raise ScanError(_("Vul de code in die u bij de uitnodiging heeft gekregen."), field="code")
    found = (
        AccessCode.objects.filter(
            round_group__round=scan_round, code_hash=hash_code(salt=scan_round.code_salt, code=code)
        )
        .select_related("round_group")
        .first()
    )
    if found is None or found.round_group_id != round_group.pk:
        raise ScanError(
            _(
                "Deze code kennen we niet. Controleer de code op uw uitnodiging: 10 letters en cijfers, "
                "bijvoorbeeld ABCDE-FGH23."
            ),
            field="code",
        )
    if scan_round.is_closed:
        raise ScanError(_("Deze code is verlopen: de zelfscan is gesloten."), field="code")
    if found.used:
        raise ScanError(
            _("Met deze code is de vragenlijst al ingevuld. Elke code kan maar één keer worden gebruikt."),
            field="code",
        )
    return found


# --------------------------------------------------------------------------- responses


def address_digest(*, salt: str, address: str) -> str:
    """HMAC of the address keyed with the round's salt of the day: the address itself is never stored."""
    return hmac.new(salt.encode(), address.encode(), hashlib.sha256).hexdigest()


def _address_count(*, scan_round: ScanRound, address: str, today: dt.date) -> None:
    """Count one more answer from this address today, or refuse when it reached ADDRESS_DAILY_LIMIT.

    Runs inside the response's transaction, with the round row locked, so two answers cannot both slip in.
    """
    locked = ScanRound.objects.select_for_update().get(pk=scan_round.pk)
    if locked.tally_day != today or not locked.tally_salt:
        _rotate_tallies(scan_round=locked, today=today)
        locked.refresh_from_db(fields=["tally_salt", "tally_day"])
    digest = address_digest(salt=locked.tally_salt, address=address)
    tally, _created = AddressTally.objects.get_or_create(round=locked, digest=digest)
    if tally.answers >= ADDRESS_DAILY_LIMIT:
        raise ScanError(
            _(
                "Vanaf dit internetadres zijn vandaag al %(limit)d antwoorden gegeven. Meer kan niet op één dag. "
                "Probeer het morgen opnieuw, of gebruik een andere internetverbinding, bijvoorbeeld mobiele data."
            )
            % {"limit": ADDRESS_DAILY_LIMIT}
        )
    AddressTally.objects.filter(pk=tally.pk).update(answers=F("answers") + 1)


def response_submit(
    *,
    round_group: RoundGroup,
    submission: mix_scan.Submission,
    code: str | None = None,
    address: str | None = None,
    now: dt.datetime | None = None,
) -> Response:
    """Store one complete response, or nothing at all (ScanError with the reason)."""
    now = now or timezone.now()
    scan_round = round_group.round
    allowed_likert, allowed_text = question_ids(scan_round=scan_round)
    stray = (set(submission.likert) - set(allowed_likert)) | (set(submission.texts) - set(allowed_text))
    if stray:
        raise ScanError(_("Het formulier bevat een vraag die niet in deze zelfscan staat."))
    with transaction.atomic():
        if round_group.uses_codes:
            # The code first: for a code of a closed round the respondent reads "verlopen".
            access = code_check(round_group=round_group, code=code or "")
            round_open_check(scan_round=scan_round, today=timezone.localdate(now))
            # Compare-and-set: of two simultaneous submissions with one code, only one wins.
            if AccessCode.objects.filter(pk=access.pk, used=False).update(used=True) != 1:
                raise ScanError(_("Met deze code is de vragenlijst al ingevuld."), field="code")
        else:
            round_open_check(scan_round=scan_round, today=timezone.localdate(now))
        if not round_group.uses_codes and address is not None:
            _address_count(scan_round=scan_round, address=address, today=timezone.localdate(now))
        response = Response.objects.create(
            round_group=round_group,
            submitted_on=timezone.localdate(now),
            questionnaire_version=scan_round.questionnaire_version,
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=item, value=value) for item, value in submission.likert.items()
        )
        OpenAnswer.objects.bulk_create(
            OpenAnswer(response=response, question=q, text=text) for q, text in submission.texts.items()
        )
    return response


def question_ids(*, scan_round: ScanRound) -> tuple[list[str], list[str]]:
    """Statement ids and open-question ids of a round, including its own questions."""
    questionnaire = scan_round.questionnaire
    likert, texts = list(questionnaire.item_ids), list(questionnaire.open_ids)
    for question in scan_round.custom_questions.all():
        (likert if question.kind == "likert" else texts).append(question.key)
    return likert, texts


# --------------------------------------------------------------------------- improvement agenda


@transaction.atomic
def priorities_set(*, scan_round: ScanRound, dimensions: Sequence[str], notes: dict[str, str]) -> list[Priority]:
    """Replace the agenda by the chosen dimensions (keeps plan links of priorities that stay)."""
    known = {d.id for d in scan_round.questionnaire.dimensions}
    unknown = [d for d in dimensions if d not in known]
    if unknown:
        raise ScanError(_("Onbekend onderwerp gekozen: %(ids)s.") % {"ids": ", ".join(unknown)})
    scan_round.priorities.exclude(dimension__in=dimensions).delete()
    kept = []
    for dimension in dimensions:
        priority, _created = Priority.objects.get_or_create(round=scan_round, dimension=dimension)
        priority.note = (notes.get(dimension) or "").strip()[:1000]
        priority.save(update_fields=["note"])
        kept.append(priority)
    return kept


def priority_case_data(*, priority: Priority, lang: str = "nl") -> dict:
    """A draft case for the advisor (CONTRACTS §1) derived from the priority's dimension."""
    scan_round = priority.round
    dimension = scan_round.questionnaire.dimension(priority.dimension)
    agenda = dimension.agenda
    label = dimension.label.get(lang)
    question = priority.note or _("Hoe verbeteren we '%(label)s' in onze lokale democratie?") % {"label": label}
    return {
        "title": _("Verbeteragenda zelfscan: %(label)s") % {"label": label},
        "policy_question": question,
        "municipality": scan_round.municipality,
        "scale": "municipality",
        "council": {"room": "open", "notes": _("Uit de zelfscan '%(title)s'.") % {"title": scan_round.title}},
        "phases": [{"phase": agenda.phase, "goals": list(agenda.goals), "level": agenda.level}],
        "target_groups": list(agenda.target_groups),
    }


@transaction.atomic
def priority_start_plan(*, priority: Priority, created_by=None, lang: str = "nl") -> str:
    """Start a draft plan in the advisor for this priority; returns (and remembers) its address."""
    from participatiemix.plans.services import draft_plan_create

    plan = draft_plan_create(
        case_data=priority_case_data(priority=priority, lang=lang),
        created_by=created_by,
        origin="zelfscan",
        organisation=priority.round.organisation,
    )
    priority.plan_url = plan.get_absolute_url()
    priority.save(update_fields=["plan_url"])
    return priority.plan_url
