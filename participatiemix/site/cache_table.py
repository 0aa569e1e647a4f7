"""The database cache's table (when REDIS_URL is unset) is made by `migrate`, so nothing extra needs running:
`make run`, `make serve` and the test database get it like every other table."""

from django.core.management import call_command


def create_cache_table(sender, using: str = "default", verbosity: int = 0, **kwargs) -> None:
    # Idempotent: createcachetable skips a table that exists and caches that are not database caches.
    call_command("createcachetable", database=using, verbosity=0)
