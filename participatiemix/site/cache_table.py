"""The database cache's table (when REDIS_URL is unset) is made by `migrate`, so nothing extra needs running:
`make run`, `make serve` and the test database get it like every other table."""

from django.core.management import call_command


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    # Sent once per app; idempotent: createcachetable skips an existing table and caches that are not in the database.
    call_command("createcachetable", database=using, verbosity=0)
