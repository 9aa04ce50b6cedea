"""`python -m bot`: the service (Slack events, TapTalent webhooks, MCP over HTTP, health)."""

from shared.service import run

if __name__ == "__main__":
    run()
