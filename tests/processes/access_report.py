"""The report pages' routes, for the access matrix (tests/processes/test_access.py counts them; the persona
checks themselves are in tests/processes/test_report_access.py)."""

ROUTES = {
    "processes:report",
    "processes:report_start",
    "processes:report_job",
    "processes:report_download",
    "processes:evaluation",
}
