"""The dashboard's way to the database: one engine per process, query results cached until data lands.

The cache key holds ``metrics.data_version`` (looked up at most every few seconds), so an import or
a collection run shows up without a restart; edits made in the dashboard clear the cache at once.
"""

import importlib
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine

from models import metrics
from models.db import database_url, open_database

T = TypeVar("T")
VERSION_TTL_S = 3


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return open_database(url)


def engine() -> Engine:
    """The migrated engine of ``$ENGAGEMENT_MONITOR_DB`` (one per URL per server process)."""
    return _engine(database_url())


@st.cache_data(ttl=VERSION_TTL_S, show_spinner=False)
def _version(url: str) -> tuple:
    with engine().connect() as connection:
        return metrics.data_version(connection)


@st.cache_data(show_spinner=False, max_entries=1000)
def _run(module: str, name: str, url: str, version: tuple, args: tuple):
    function = getattr(importlib.import_module(module), name)
    with _engine(url).connect() as connection:
        return function(connection, *args)


def query(function: Callable[..., T], *args) -> T:
    """``function(connection, *args)`` (a metric query), cached until the data changes."""
    url = database_url()
    return _run(function.__module__, function.__name__, url, _version(url), args)


def is_empty() -> bool:
    """True when the database holds no content, page or enrolment data yet."""
    return query(metrics.date_range) == (None, None)


def clear() -> None:
    """Forget every cached result (after an import or an edit made in the dashboard)."""
    st.cache_data.clear()
