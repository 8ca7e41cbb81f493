"""Write a new Alembic revision from the difference between the models and the migrations.

Usage: python -m storage.revise "what changed"  (runs against a scratch SQLite database)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from storage.db import Database, alembic_config


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        db.migrate()
        with db.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        db.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
