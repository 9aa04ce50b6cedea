"""`python -m bot`: the service (Slack events, TapTalent webhooks, MCP over HTTP, health)."""

import sys

from shared.config import Settings
from shared.service import run

if __name__ == "__main__":
    settings = Settings()
    if problem := settings.db_path_problem():
        sys.exit(problem)
    run(settings)
