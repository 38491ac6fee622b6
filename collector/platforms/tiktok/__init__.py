"""TikTok accounts (Display API)."""
