"""The Streamlit dashboard and the engagement summaries (CSV, Excel, printable report)."""
