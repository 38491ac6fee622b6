"""YouTube channels (Data API v3, YouTube Studio exports)."""
