"""The intake's steps: which form belongs to a step, and which step a draft should open at."""

from __future__ import annotations

from typing import Any

from django.utils.datastructures import MultiValueDict

from participatiemix.plans.forms import STEP_FORMS, CouncilForm, StepForm

LAST_STEP = len(STEP_FORMS)


def step_form_class(step: int) -> type[StepForm]:
    return STEP_FORMS[step - 1]


def form_data(*, plan, step: int) -> MultiValueDict:
    """The draft as POST-like data for a step (lists stay lists for multiple-choice fields)."""
    raw: dict[str, Any] = step_form_class(step).data_from(case=plan.case_data or {}, plan=plan)
    return MultiValueDict({k: (v if isinstance(v, list) else [v]) for k, v in raw.items()})


def make_form(*, plan, step: int, data=None) -> StepForm:
    cls = step_form_class(step)
    kwargs: dict[str, Any] = {}
    if cls is CouncilForm:
        kwargs["plan"] = plan
    if data is None:
        # Show what the draft holds; errors are only marked after the user posts.
        initial = cls.data_from(case=plan.case_data or {}, plan=plan) if plan is not None else {}
        return cls(initial=initial, **kwargs)
    return cls(data=data, **kwargs)


def step_complete(*, plan, step: int) -> bool:
    cls = step_form_class(step)
    kwargs = {"plan": plan} if cls is CouncilForm else {}
    return cls(data=form_data(plan=plan, step=step), **kwargs).is_valid()


def first_incomplete_step(*, plan) -> int:
    """The first step whose answers are missing or invalid; the last step when all are complete."""
    for step in range(1, LAST_STEP + 1):
        if not step_complete(plan=plan, step=step):
            return step
    return LAST_STEP


def reachable(*, plan, step: int) -> bool:
    return 1 <= step <= first_incomplete_step(plan=plan) or plan.latest_version_id is not None and step <= LAST_STEP
