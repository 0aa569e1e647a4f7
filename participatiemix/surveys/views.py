"""Survey pages: the public survey with its thank-you page, the participant's own answers, and the staff pages
(form builder, preview, paper entry, results, exports). Views parse input, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from participatiemix.mix import threads
from participatiemix.organisations.roles import Ability
from participatiemix.processes import services as process_services
from participatiemix.processes.models import MIN_GROUP, Contribution, Participant
from participatiemix.site.downloads import download_response
from participatiemix.site.forms import error_summary
from participatiemix.site.i18n import current_lang
from participatiemix.site.permissions import get_for_user_or_404, has_ability
from participatiemix.site.text import clean_data, clean_text
from participatiemix.surveys import charts, exports, selectors, services
from participatiemix.surveys.answers import check_submission
from participatiemix.surveys.forms import QuestionForm, RuleForm, SectionForm, SurveyForm
from participatiemix.surveys.models import RULE_KINDS, Kind, Question, Section, SkipRule, Survey, SurveyResponse

SURVEYS = Survey.objects.select_related("activity__phase__process")
MAX_FIELDS = 2000  # a survey form has at most a few hundred fields; more is a flood
THEME_MAX_EMBED = 60  # open answers embedded per question at most (the rest: character n-grams)


def submit_rate(group, request) -> str:
    """Submissions per address per minute: settings.PMX_SURVEY_RATE (from the environment; the load benchmark
    raises it, all its clients share one address)."""
    return getattr(settings, "PMX_SURVEY_RATE", None) or "30/m"


def _staff_survey(request: HttpRequest, pk: int, ability: str = Ability.EDIT) -> Survey:
    return get_for_user_or_404(SURVEYS, request.user, ability, pk=pk)


# --------------------------------------------------------------------------- the public survey


def _public_survey(pk: int) -> Survey:
    survey = get_object_or_404(SURVEYS, pk=pk)
    if not survey.activity.phase.process.is_public:
        raise Http404
    return survey


def _refusal(request: HttpRequest, survey: Survey) -> str:
    """Why this person cannot answer now ('' when they can)."""
    if survey.closed:
        return _("Deze enquête is gesloten. U kunt niet meer antwoorden.")
    allowed, reason = process_services.may_participate(user=request.user, activity=survey.activity)
    return "" if allowed else reason


def _values(data) -> dict[str, list[str]]:
    return {key: data.getlist(key) for key in data} if hasattr(data, "getlist") else dict(data or {})


def _decorate(view: selectors.StructureView, values: dict[str, list[str]], errors: dict[str, str], lang: str) -> None:
    """Put on each question what the template needs: its current values, error, skip hints, choices."""
    hints = selectors.skip_hints(view, lang)
    for q in view.questions:
        q.label = q.t("text", lang)
        q.help = q.t("help", lang)
        q.current = values.get(q.field_name, [])
        q.error = errors.get(q.field_name, "")
        q.hints = hints.get(q.pk, [])
        q.skip_data = ";".join(
            f"{r.option_id or ('yes' if r.yes else 'no')}>{f'q{r.target_id}' if r.target_id else 'end'}"
            for r in q.rule_list
        )
        q.choices = [
            {
                "value": str(o.pk),
                "label": o.t("label", lang),
                "id": f"q{q.pk}-o{o.pk}",
                "checked": str(o.pk) in q.current,
            }
            for o in q.option_list
        ]
        if q.kind == Kind.YES_NO:
            q.choices = [
                {"value": v, "label": label, "id": f"q{q.pk}-{v}", "checked": v in q.current}
                for v, label in (("yes", _("Ja")), ("no", _("Nee")))
            ]
        elif q.kind == Kind.SCALE:
            low, high = q.min_value or 0, q.max_value or 5
            q.choices = [
                {"value": str(v), "label": str(v), "id": f"q{q.pk}-{v}", "checked": str(v) in q.current}
                for v in range(low, high + 1)
            ]
            q.low_label, q.high_label = q.t("min_label", lang), q.t("max_label", lang)
        elif q.kind == Kind.RANKING:
            n = len(q.option_list)
            for c in q.choices:
                chosen = (values.get(f"q{q.pk}_o{c['value']}") or [""])[0]
                c["name"] = f"q{q.pk}_o{c['value']}"
                c["ranks"] = [{"value": str(r), "selected": str(r) == chosen} for r in range(1, n + 1)]
        q.text_value = q.current[0] if q.current else ""


def _profile_context(survey: Survey, values: dict[str, list[str]], lang: str) -> dict:
    options = selectors.profile_options(survey=survey, lang=lang)
    chosen_groups = set(values.get("profile_groups", []))
    return {
        "age_bands": [
            {"value": v, "label": label, "checked": [v] == values.get("profile_age_band")}
            for v, label in options["age_band"]
        ],
        "districts": [
            {"value": v, "label": label, "selected": [v] == values.get("profile_district")}
            for v, label in options["district"]
        ],
        "groups": [{"value": v, "label": label, "checked": v in chosen_groups} for v, label in options["target_group"]],
    }


def _check_profile(
    survey: Survey, values: dict[str, list[str]], lang: str
) -> tuple[dict | None, list[tuple[str, str]]]:
    """The voluntary profile answers (None when none were given) and errors for values outside the choices."""
    age = (values.get("profile_age_band") or [""])[0]
    district = (values.get("profile_district") or [""])[0]
    groups = values.get("profile_groups") or []
    if not survey.ask_profile or not (age or district or groups):
        return None, []  # nothing given: no query for the choices
    options = selectors.profile_options(survey=survey, lang=lang)
    errors = []
    if age and age not in dict(options["age_band"]):
        errors.append(("profile_age_band", _("Leeftijd: kies een van de leeftijdsgroepen.")))
    if district and district not in dict(options["district"]):
        errors.append(("profile_district", _("Wijk of kern: kies een wijk of kern uit de lijst.")))
    if any(g not in dict(options["target_group"]) for g in groups) or len(groups) > len(options["target_group"]):
        errors.append(("profile_groups", _("Ik hoor bij: kies alleen uit de groepen in de lijst.")))
    return {"age_band": age, "district": district, "target_groups": groups}, errors


def _survey_page(request, survey, *, values=None, errors=(), general=(), status=200, mode="respond"):
    lang = current_lang()
    view = selectors.survey_structure(survey=survey, lang=lang)
    error_map = dict(errors)
    _decorate(view, values or {}, error_map, lang)
    process = survey.activity.phase.process
    numbers = {q.field_name: q for q in view.questions}
    summary = [
        {"anchor": name if name in numbers or name.startswith("profile_") else "survey-form", "message": message}
        for name, message in errors
    ]
    action = {
        "respond": reverse("surveys:respond", args=[survey.pk]),
        "paper": reverse("surveys:paper", args=[survey.pk]),
    }.get(mode, "")
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "process": process,
            "phase": survey.activity.phase,
            "title": survey.t("title", lang),
            "intro": survey.t("intro", lang),
            "sections": [{"title": s.t("title", lang), "questions": s.question_list} for s in view.sections],
            "profile": _profile_context(survey, values or {}, lang) if survey.ask_profile else None,
            "errors": summary,
            "general_errors": list(general),
            "mode": mode,
            "action": action,
        },
        status=status,
    )


def _message(request, survey, title, text, status=200, link=None):
    return render(
        request,
        "surveys/message.html",
        {
            "survey": survey,
            "phase": survey.activity.phase,
            "process": survey.activity.phase.process,
            "title": title,
            "text": text,
            "link": link,
        },
        status=status,
    )


def _already(request, survey):
    return _message(
        request,
        survey,
        _("U heeft deze enquête al ingevuld"),
        _("Dank u wel. U kunt een enquête één keer invullen. Uw antwoorden staan bij ‘Mijn inbreng’."),
    )


@ratelimit(group="surveys:submit", key="ip", rate=submit_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _public_survey(pk)
    refusal = _refusal(request, survey)
    process = survey.activity.phase.process
    participant = process_services.participant_for(process=process, request=request, create=False)
    done = selectors.response_of(survey=survey, participant=participant) is not None
    if request.method == "GET":
        if done:
            return _already(request, survey)
        if refusal:
            return _message(request, survey, survey.t("title"), refusal)
        return _survey_page(request, survey)
    if len(request.POST) > MAX_FIELDS:
        return _message(request, survey, _("Niet verstuurd"), _("Dit formulier heeft te veel velden."), status=400)
    values = _values(clean_data(request.POST))
    if refusal:
        return _survey_page(request, survey, values=values, general=[refusal], status=400)
    if done:
        return _survey_page(
            request,
            survey,
            values=values,
            status=400,
            general=[_("U heeft deze enquête al ingevuld. U kunt een enquête één keer invullen.")],
        )
    return _submit(request, survey, values, source=SurveyResponse.Source.ONLINE)


def _submit(request, survey: Survey, values: dict[str, list[str]], *, source: str) -> HttpResponse:
    lang = current_lang()
    general = []
    if (values.get("survey") or [""])[0] != str(survey.pk):
        general.append(_("Dit formulier hoort bij een andere enquête. Laad de pagina opnieuw en vul het opnieuw in."))
    structure, kinds = selectors.checkable_structure(survey=survey, lang=lang)
    checked = check_submission(structure, values)
    profile, profile_errors = _check_profile(survey, values, lang)
    errors = checked.errors + profile_errors
    mode = "paper" if source == SurveyResponse.Source.PAPER else "respond"
    if errors or general:
        return _survey_page(request, survey, values=values, errors=errors, general=general, status=400, mode=mode)
    process = survey.activity.phase.process
    try:
        with transaction.atomic():
            if source == SurveyResponse.Source.PAPER:
                participant = Participant.objects.create(process=process)
            else:
                participant = process_services.participant_for(process=process, request=request)
            response = services.response_store(
                survey=survey,
                participant=participant,
                answers=checked.answers,
                kinds=kinds,
                source=source,
                lang=lang,
            )
            if profile:
                process_services.profile_save(participant=participant, **profile)
    except services.DuplicateResponse:
        return _survey_page(
            request,
            survey,
            values=values,
            status=400,
            mode=mode,
            general=[_("U heeft deze enquête al ingevuld. U kunt een enquête één keer invullen.")],
        )
    except ValidationError as exc:
        return _survey_page(request, survey, values=values, status=400, mode=mode, general=exc.messages)
    if source == SurveyResponse.Source.PAPER:
        messages.success(
            request,
            _("Het papieren formulier is opgeslagen (nummer %(n)s). U kunt het volgende invoeren.")
            % {"n": response.pk},
        )
        return redirect("surveys:paper", survey.pk)
    return redirect("surveys:thanks", survey.pk)


@require_GET
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _public_survey(pk)
    return render(
        request,
        "surveys/thanks.html",
        {
            "survey": survey,
            "phase": survey.activity.phase,
            "process": survey.activity.phase.process,
            "title": survey.t("title"),
        },
    )


@require_GET
def own_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant reads back their own filled-in survey (the registry's contribution_url)."""
    contribution = (
        Contribution.objects.select_related("participant", "activity__phase__process")
        .filter(pk=pk, kind=services.KIND)
        .first()
    )
    if contribution is None or not _is_own(request, contribution.participant):
        raise Http404
    response = get_object_or_404(SurveyResponse.objects.select_related("survey"), contribution=contribution)
    lang = current_lang()
    view = selectors.survey_structure(survey=response.survey, lang=lang)
    headers, rows = selectors.answer_table(
        survey=response.survey, view=view, lang=lang, responses=SurveyResponse.objects.filter(pk=response.pk)
    )
    row = next(rows)
    answers = [{"question": h, "answer": v} for h, v in zip(headers[3:], row[3:], strict=True) if v != ""]
    return render(
        request,
        "surveys/own.html",
        {
            "survey": response.survey,
            "title": response.survey.t("title", lang),
            "answers": answers,
            "contribution": contribution,
            "process": contribution.activity.phase.process,
        },
    )


def _is_own(request, participant) -> bool:
    if participant is None:
        return False
    if request.user.is_authenticated and participant.user_id == request.user.pk:
        return True
    keys = (request.session.get(process_services.SESSION_KEY) or {}).values()
    return participant.user_id is None and participant.key in keys


# --------------------------------------------------------------------------- staff: builder


def _builder_context(request, survey: Survey, *, settings_form=None, section_form=None) -> dict:
    view = selectors.survey_structure(survey=survey, lang="nl")
    later_of = {}
    for i, q in enumerate(view.questions):
        later_of[q.pk] = view.questions[i + 2 :]
    numbers = {q.pk: q.number for q in view.questions}
    labels = {o.pk: o.label_nl for q in view.questions for o in q.option_list}
    for q in view.questions:
        q.rule_form = RuleForm(question=q, later=later_of[q.pk]) if q.kind in RULE_KINDS else None
        q.rule_rows = [
            {
                "pk": r.pk,
                "answer": labels.get(r.option_id) if r.option_id else (_("Ja") if r.yes else _("Nee")),
                "target": _("vraag %(n)s") % {"n": numbers.get(r.target_id)} if r.target_id else _("het einde"),
            }
            for r in q.rule_list
        ]
    return {
        "survey": survey,
        "process": survey.activity.phase.process,
        "sections": view.sections,
        "settings_form": settings_form or SurveyForm(instance=survey),
        "section_form": section_form or SectionForm(prefix="new"),
        "responses": survey.responses.count(),
        "broken_rules": services.rules_check(survey=survey),
    }


@login_required
@require_GET
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request, pk)
    return render(request, "surveys/builder.html", _builder_context(request, survey))


@login_required
@require_POST
def settings_save(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request, pk)
    form = SurveyForm(request.POST, instance=survey)
    if form.is_valid():
        services.survey_update(survey=survey, data=form.cleaned_data)
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("surveys:builder", survey.pk)
    survey.refresh_from_db()
    return render(request, "surveys/builder.html", _builder_context(request, survey, settings_form=form), status=400)


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request, pk)
    form = SectionForm(request.POST, prefix="new")
    if not form.is_valid():
        return render(request, "surveys/builder.html", _builder_context(request, survey, section_form=form), status=400)
    services.section_add(survey=survey, **form.cleaned_data)
    messages.success(request, _("Het deel is toegevoegd."))
    return redirect("surveys:builder", survey.pk)


def _staff_section(request, pk: int, section: int) -> Section:
    survey = _staff_survey(request, pk)
    return get_object_or_404(Section, pk=section, survey=survey)


def _staff_question(request, pk: int, question: int) -> Question:
    survey = _staff_survey(request, pk)
    return get_object_or_404(Question.objects.select_related("section", "survey"), pk=question, survey=survey)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    section = _staff_section(request, pk, section)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.section_update(section=section, **form.cleaned_data)
        messages.success(request, _("Het deel is opgeslagen."))
        return redirect("surveys:builder", pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/section_form.html", {"survey": section.survey, "form": form}, status=status)


def _builder_action(request, pk: int, action) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("surveys:builder", args=[pk]))


@login_required
@require_POST
def section_delete(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    section = _staff_section(request, pk, section)
    return _builder_action(request, pk, lambda: services.section_delete(section=section))


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    section = _staff_section(request, pk, section)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return _builder_action(request, pk, lambda: services.section_move(section=section, direction=direction))


def _question_page(request, survey, form, section, status=200):
    return render(
        request,
        "surveys/question_form.html",
        {
            "survey": survey,
            "form": form,
            "section": section,
            "error_summary": error_summary(form),
            "option_rows": list(form.option_fields()),
            "main_fields": [form[name] for name in QuestionForm.Meta.fields],
        },
        status=status,
    )


def _question_save(request, form, survey, section) -> HttpResponse:
    if form.is_valid():
        question = form.save(commit=False)
        question.section = section
        try:
            services.question_save(question=question, options=form.options())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, errors)
            return _question_page(request, survey, form, section, status=400)
        messages.success(request, _("De vraag is opgeslagen."))
        return redirect(reverse("surveys:builder", args=[survey.pk]) + f"#vraag-{question.pk}")
    return _question_page(request, survey, form, section, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    section = _staff_section(request, pk, section)
    form = QuestionForm(request.POST or None, instance=Question(section=section, survey=section.survey))
    if request.method == "POST":
        return _question_save(request, form, section.survey, section)
    return _question_page(request, section.survey, form, section)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    question = _staff_question(request, pk, question)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST":
        with transaction.atomic():
            return _question_save(request, form, question.survey, question.section)
    return _question_page(request, question.survey, form, question.section)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    question = _staff_question(request, pk, question)
    return _builder_action(request, pk, lambda: services.question_delete(question=question))


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    question = _staff_question(request, pk, question)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return _builder_action(request, pk, lambda: services.question_move(question=question, direction=direction))


@login_required
@require_POST
def rule_add(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    question = _staff_question(request, pk, question)
    view = selectors.survey_structure(survey=question.survey, lang="nl")
    index = [q.pk for q in view.questions].index(question.pk)
    form = RuleForm(request.POST, question=question, later=view.questions[index + 2 :])
    if not form.is_valid():
        messages.error(request, _("Kies een antwoord en een latere vraag (minstens twee vragen verder)."))
        return redirect("surveys:builder", pk)
    answer, target = form.cleaned_data["answer"], form.cleaned_data["target"]
    option = question.options.filter(pk=answer).first() if answer.isdigit() else None
    target_q = None if target == "end" else Question.objects.filter(pk=target, survey=question.survey).first()

    def add():
        services.rule_add(
            question=question,
            option=option,
            yes=(answer == "yes") if answer in ("yes", "no") else None,
            target=target_q,
        )

    return _builder_action(request, pk, add)


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int, rule: int) -> HttpResponse:
    survey = _staff_survey(request, pk)
    rule = get_object_or_404(SkipRule, pk=rule, question__survey=survey)
    return _builder_action(request, pk, lambda: services.rule_delete(rule=rule))


@login_required
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request, pk)
    return _survey_page(request, survey, mode="preview")


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in a paper form: the same questions, stored with source paper (one new participant each)."""
    survey = _staff_survey(request, pk)
    if request.method == "GET":
        return _survey_page(request, survey, mode="paper")
    if len(request.POST) > MAX_FIELDS:
        raise Http404
    return _submit(request, survey, _values(clean_data(request.POST)), source=SurveyResponse.Source.PAPER)


# --------------------------------------------------------------------------- staff: results and exports


def _themes(results: selectors.Results) -> dict[int, list[dict]]:
    themes = {}
    for r in results.questions:
        if r.question.kind not in ("short_text", "long_text") or len(r.texts) < 2:
            continue
        # Embeddings read better but cost ~20 ms per new text: only for a few texts; many are grouped on n-grams.
        method = "auto" if len(r.texts) <= THEME_MAX_EMBED else "char-ngrams"
        grouping = threads.group_notes(r.texts, method=method, max_embed=THEME_MAX_EMBED)
        themes[r.question.pk] = [
            {"label": t.label, "count": len(t), "texts": [r.texts[i] for i in t.member_indices[:20]]}
            for t in grouping.threads[:12]
        ]
    return themes


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request, pk, Ability.VIEW)
    lang = current_lang()
    options = selectors.profile_options(survey=survey, lang=lang)
    filters = {}
    for name in selectors.PROFILE_FILTERS:
        value = clean_text(request.GET.get(name, ""), multiline=False)[:100]
        if value and value in dict(options[name]):
            filters[name] = value
    view = selectors.survey_structure(survey=survey, lang=lang)
    result = selectors.survey_results(survey=survey, view=view, filters=filters, lang=lang)
    themes = _themes(result) if not result.too_few else {}
    blocks = []
    for r in result.questions:
        q = r.question
        chart = ""
        if r.rows:
            chart = charts.bars(
                uid=f"chart-{q.pk}",
                title=f"{q.number}. {q.t('text', lang)}",
                desc=_("De cijfers staan in de tabel naast de grafiek."),
                rows=r.rows,
            )
        blocks.append(
            {
                "q": q,
                "text": q.t("text", lang),
                "r": r,
                "chart": chart,
                "themes": themes.get(q.pk, []),
                "points": q.kind == Kind.RANKING,
                # Share of the people who answered the question (multiple choice can add up to more than 100).
                "table": [
                    (label, n, f"{round(100 * n / r.total)}%" if r.total and q.kind != Kind.RANKING else "")
                    for label, n in r.rows
                ],
            }
        )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "process": survey.activity.phase.process,
            "title": survey.t("title", lang),
            "result": result,
            "blocks": blocks,
            "filters": filters,
            "options": options,
            "min_group": MIN_GROUP,
            "online": result.by_source.get("online", 0),
            "paper": result.by_source.get("paper", 0),
            "may_edit": has_ability(request.user, Ability.EDIT, survey),
        },
    )


@login_required
@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    survey = _staff_survey(request, pk, Ability.VIEW)
    lang = current_lang()
    view = selectors.survey_structure(survey=survey, lang=lang)
    headers, rows = selectors.answer_table(survey=survey, view=view, lang=lang)
    stem = f"enquete-{survey.pk}-{survey.title_nl}"
    if fmt == "csv":
        return download_response(exports.to_csv(headers, rows), stem=stem, extension="csv")
    return download_response(exports.to_xlsx(headers, rows), stem=stem, extension="xlsx")
