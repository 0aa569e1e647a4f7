"""The participant pages' routes, for the access matrix (tests/processes/test_access.py counts them; the persona
checks themselves are in tests/processes/test_participant_access.py)."""

ROUTES = {
    "processes:mine",
    "processes:mine_download",
    "processes:mine_delete",
    "processes:mine_withdraw",
    "processes:profile",
}
