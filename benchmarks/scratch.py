"""The scratch PostgreSQL database a benchmark seeds, measures and drops."""

import psycopg


def scratch_database(server, name, *, create):
    """Drop the database `name` on `server` (a URL without a database name), and create it afresh if asked.

    WITH (FORCE) ends sessions a killed run left behind, so a rerun never trips over them.
    """
    with psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')
        return admin.execute("SHOW server_version").fetchone()[0]
