"""Pure Block Kit builders: typed results in, Slack message and view dicts out."""
