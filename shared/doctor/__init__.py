"""`tt doctor`: the first command to run with a real key.

It checks the key and base URL, probes each Partner API family read-only and compares the
answers with the contract (docs/partner-api.openapi.yaml, shipped inside this package),
then the webhook key, the other systems (`connectors.py`: Kombo, InstaView, Talynce, one
read each, and their webhook secrets), Slack's token and scopes, the database and MCP's
token.
"""

from shared.doctor.report import Check, Report
from shared.doctor.run import run_doctor

__all__ = ["Check", "Report", "run_doctor"]
