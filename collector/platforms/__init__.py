"""One folder per platform, each with the same files: ``api.py`` (pure parsing of API answers),
``export.py`` (pure parsing of its export files, when it has them), ``client.py`` (its HTTP client),
``source.py`` (its settings model, runner, doctor check and follow-up) and ``connect.py`` (connecting
an account from the dashboard: its consent page and code exchange, read by ``collector/accounts.py``)."""
