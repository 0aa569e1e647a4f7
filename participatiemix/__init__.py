"""Participatiemix: design, run and account for resident participation (meervoudige democratie)."""

__version__ = "0.1.0"
