"""tt's toolkit: everything the three surfaces (Slack `bot/`, `mcp_server/`, the `tt` CLI)
share. Surfaces parse and render; the work happens here. Layers, top to bottom (a layer
imports only those below it):

- `cli/`          the `tt` terminal surface (it lives here because it has no server of its own).
- `service/`      the one ASGI process (`tt serve`, `python -m bot`): webhook route, /healthz,
                  the tracker, and the surfaces plugged in by module name.
- `webhooks/`     `POST /webhooks/taptalent` (verify, store, answer) and the operation
                  tracker (end by webhook or poll, expire, claim and send each notice once).
- `operations/`   long operations by kind (`kinds/rescore.py`; registered in `registry.py`):
                  how each kind reads its webhook, polls, reports and is marked told.
- `actions/`      the use cases every surface calls (jobs, candidates, ranking, rescoring,
                  moves, `follow`); typed results in `models.py`, wording in `presentation.py`.
- `commands/`     the `/tt` grammar, its help and its errors (Slack and the CLI parse it).
- `notify.py`     where notices go (each surface plugs in a notifier).
- `store/`        SQLite: operations and their notices, webhook deliveries, the audit log,
                  idempotency keys, retention.
- `taptalent/`    the Partner API client (one package per outside system).
- `sandbox/`      the Partner API emulator (one per outside system), for demo, tests, bench.
- `toolkit.py`, `config.py`, `logs.py`: the per-process toolkit (settings, client, store),
                  the settings of the public contract, and logging with secrets scrubbed.
"""
