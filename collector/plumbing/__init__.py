"""Plumbing every source and file parser shares, naming no platform: the HTTP client and its errors,
paging, redaction, secrets, rotating tokens, runs, leases, doctor checks, settings base, sheet reading."""
