"""Pure Block Kit builders: typed results in, Slack message and view dicts out.

- `kit`: the primitives (text objects, blocks, buttons, confirm, modals) and Slack's limits;
- `payloads`: what buttons and modals carry, as small models; `ids`: action and view ids;
- `text`: escaping, trimming, masking; `privacy`: what a channel may see of a candidate;
- `rows`, `lists`, `details`: candidates as rows, ranked lists and search, the Details modal;
- `moves`, `rescores`, `alerts`: writes, their confirmations, and the end-of-rescore alert;
- `jobs`, `home`, `common`: jobs, the Home tab, help and errors.
"""
