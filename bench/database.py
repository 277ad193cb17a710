"""The benchmarks' own database, made again for each run."""

import sys


def fresh_database():
    """Drop and make the configured database again (PostgreSQL), or empty it (others),
    then migrate. Its name must contain "bench": it is the benchmark's alone."""
    from django.core.management import call_command
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        sys.exit(f"bench: the database {name!r} would be emptied; use one named *bench*.")
    if connection.vendor == "postgresql":
        quoted = connection.ops.quote_name(name)
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quoted}")
        call_command("migrate", interactive=False, verbosity=0)
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)


def database_version():
    """What the figures were measured on: "PostgreSQL 15.20", or the backend's name."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return connection.vendor
