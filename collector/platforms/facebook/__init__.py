"""Facebook Pages (Meta Graph API, Meta Business Suite exports)."""
