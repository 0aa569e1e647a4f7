"""The council report made in the background (django-tasks): the page shows the job's progress and offers the
file when it is ready. The default backend runs the task at once; a worker backend runs it later, and the pages
work the same either way."""

from __future__ import annotations

from django.utils import timezone, translation
from django_tasks import task

from participatiemix.documents.process_report import render_report
from participatiemix.processes.models import ReportJob
from participatiemix.processes.report import process_report_data

FORMATS = ("json", "docx", "pdf")


def _progress(job: ReportJob, percent: int, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(progress=percent, **fields)


@task()
def report_make(job_id: int) -> str:
    """Make the report of one job: data (counts, themes), then the file. Returns the job's final status."""
    job = ReportJob.objects.select_related("process__plan_version").filter(pk=job_id).first()
    if job is None or job.status == ReportJob.Status.DONE:
        return "gone" if job is None else job.status
    _progress(job, 5, status=ReportJob.Status.RUNNING)
    try:
        with translation.override(job.lang):
            data = process_report_data(process=job.process, lang=job.lang)
            _progress(job, 50)
            content = render_report(data, job.format)
        _progress(job, 90)
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the job page, never a stack trace
        _progress(job, 100, status=ReportJob.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now())
        return ReportJob.Status.FAILED
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE, progress=100, content=content, error="", finished_at=timezone.now()
    )
    return ReportJob.Status.DONE


def report_start(*, process, fmt: str, lang: str = "nl", user=None) -> ReportJob:
    """A new job for this report, queued at once: the job row is stored first (autocommit), so a worker always
    finds it; the immediate backend (dev, tests) has made the file when this returns."""
    if fmt not in FORMATS:
        raise ValueError(f"onbekend formaat {fmt!r}; toegestaan: {', '.join(FORMATS)}")
    job = ReportJob.objects.create(
        process=process, format=fmt, lang=lang, requested_by=user if getattr(user, "is_authenticated", False) else None
    )
    report_make.enqueue(job_id=job.pk)
    return job
