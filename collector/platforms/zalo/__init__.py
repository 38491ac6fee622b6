"""Zalo Official Accounts (Open API, article statistics sheets)."""
