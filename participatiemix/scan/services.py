"""Zelfscan writes: rounds, codes, responses (all-or-nothing), closing with purge, agenda, deletion."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participatiemix.mix import scan as mix_scan
from participatiemix.scan.models import (
    AccessCode,
    Answer,
    CustomQuestion,
    Fingerprint,
    OpenAnswer,
    Priority,
    Response,
    RoundGroup,
    ScanRound,
)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to type from paper
CODE_LENGTH = 10  # ~49 bits: guessing is hopeless within the rate limit
MAX_CODES_PER_BATCH = 500
FINGERPRINT_TTL = dt.timedelta(hours=1)


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
    custom_questions: Sequence[CustomQuestionInput] = (),
    created_by=None,
) -> ScanRound:
    if not groups or any(g not in mix_scan.GROUPS for g in groups):
        raise ScanError(_("Kies minstens één groep: raadsleden, collegeleden, ambtenaren of inwoners."), field="groups")
    if closes_on < opens_on:
        raise ScanError(_("De einddatum ligt vóór de begindatum. Kies een einddatum na de begindatum."))
    if len(custom_questions) > mix_scan.MAX_CUSTOM_QUESTIONS:
        raise ScanError(_("U kunt hoogstens 4 eigen vragen toevoegen."))
    scan_round = ScanRound.objects.create(
        municipality=municipality.strip(),
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
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
    """Close a round now and purge its fingerprints; returns the number of fingerprints removed."""
    with transaction.atomic():
        if scan_round.closed_at is None:
            scan_round.closed_at = timezone.now()
            scan_round.save(update_fields=["closed_at"])
        removed, _detail = Fingerprint.objects.filter(round=scan_round).delete()
    return removed


def fingerprints_purge(*, now: dt.datetime | None = None) -> int:
    """Delete every fingerprint of a closed round and every fingerprint older than FINGERPRINT_TTL."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    closed = Fingerprint.objects.filter(round__closed_at__isnull=False) | Fingerprint.objects.filter(
        round__closes_on__lt=today
    )
    removed_closed, _detail = closed.delete()
    removed_old, _detail2 = Fingerprint.objects.filter(created_at__lt=now - FINGERPRINT_TTL).delete()
    return removed_closed + removed_old


@transaction.atomic
def round_delete(*, scan_round: ScanRound) -> None:
    """Delete a round with every group, code, response, answer, fingerprint and priority (cascade)."""
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


def fingerprint_digest(*, scan_round: ScanRound, ip: str, user_agent: str) -> str:
    """HMAC of round, IP and browser: the IP itself is never stored."""
    message = f"{scan_round.pk}|{ip}|{user_agent[:300]}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def response_submit(
    *,
    round_group: RoundGroup,
    submission: mix_scan.Submission,
    code: str | None = None,
    fingerprint: str | None = None,
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
        if not round_group.uses_codes and fingerprint:
            # Data minimisation: expired fingerprints of this round go at every submission, not only at close.
            Fingerprint.objects.filter(round=scan_round, created_at__lt=now - FINGERPRINT_TTL).delete()
            recent = Fingerprint.objects.filter(
                round=scan_round, digest=fingerprint, created_at__gte=now - FINGERPRINT_TTL
            )
            if recent.exists():
                raise ScanError(
                    _(
                        "Vanaf dit apparaat is net de vragenlijst ingevuld. Wil iemand anders in uw huis ook "
                        "meedoen? Gebruik dan een ander apparaat, of probeer het over een uur opnieuw."
                    )
                )
            Fingerprint.objects.create(round=scan_round, digest=fingerprint, created_at=now)
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
        case_data=priority_case_data(priority=priority, lang=lang), created_by=created_by, origin="zelfscan"
    )
    priority.plan_url = plan.get_absolute_url()
    priority.save(update_fields=["plan_url"])
    return priority.plan_url
