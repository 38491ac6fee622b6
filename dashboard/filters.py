"""The shared sidebar: language and filters, kept across pages and in the URL so a view can be shared.

The URL speaks in codes, not labels (``?lang=vi&period=campaign&campaign=2&kind=video&platform=youtube``),
so a link works in either language. Widgets live in the entrypoint (``app.py``), which keeps their state when
the user moves between pages; the URL is written back on every run.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from dashboard import data
from dashboard.downloads import render_downloads
from dashboard.i18n import LANGUAGE_NAMES, kind_label, platform_label, t
from models import metrics
from models.i18n import LANGUAGES, fmt_date, fmt_int, language
from models.metrics import Scope
from models.periods import period_label
from models.tables import CONTENT_KINDS, PLATFORMS

PRESETS = ("week", "month", "last_month", "campaign", "custom")
SEEDED = "_filters_seeded"
VIEW = "_view"
KEPT_LANG = "_lang_kept"
SHOWN = "_days_shown"


@dataclass(frozen=True)
class View:
    """What every page shows: the scope of the metric queries and the language."""

    scope: Scope
    lang: str


def preset_window(preset: str, last_day: date) -> tuple[date, date]:
    """The days of a period preset, relative to the last day with data (weeks start on Monday)."""
    if preset == "week":
        return last_day - timedelta(days=last_day.weekday()), last_day
    if preset == "last_month":
        end = last_day.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    return last_day.replace(day=1), last_day


def default_preset(last_day: date) -> str:
    """This month, or the month just finished during the first week of a new one (a few days of a
    month say little, and it is when the office reports on the month before)."""
    return "last_month" if last_day.day <= 7 else "month"


def language_choice() -> str:
    """The language selector at the top of the sidebar; its default comes from the configuration.

    The control's state can come back empty for a run (seen when pages are switched quickly); the
    session's last language then stays, rather than a page in English with ``lang=None`` in the URL.
    """
    if st.session_state.get("lang") not in LANGUAGES:
        requested = st.query_params.get("lang")
        kept = st.session_state.get(KEPT_LANG)
        st.session_state["lang"] = kept or (requested if requested in LANGUAGES else language())
    chosen = st.sidebar.segmented_control(
        t("language", st.session_state["lang"]),
        LANGUAGES,
        key="lang",
        format_func=LANGUAGE_NAMES.__getitem__,
        required=True,
    )
    if chosen not in LANGUAGES:
        chosen = st.session_state.get(KEPT_LANG) or language()
    st.session_state[KEPT_LANG] = chosen
    return chosen


def _seed(last_day: date, channel_ids: list[int], campaigns: dict) -> None:
    """On a session's first run, take the filters from the URL (values that make no sense are
    dropped) or their defaults; afterwards the widgets keep them."""
    if st.session_state.get(SEEDED):
        return
    st.session_state[SEEDED] = True
    params = st.query_params
    period = params.get("period")
    st.session_state["period"] = period if period in PRESETS else default_preset(last_day)
    st.session_state["date_from"], st.session_state["date_to"] = preset_window("month", last_day)
    try:
        dates = (date.fromisoformat(params["from"]), date.fromisoformat(params["to"]))
        if dates[0] <= dates[1]:
            st.session_state["date_from"], st.session_state["date_to"] = dates
    except (KeyError, ValueError):
        pass
    st.session_state["channels"] = [i for i in _ints(params.get_all("channel")) if i in channel_ids]
    st.session_state["kinds"] = [k for k in params.get_all("kind") if k in CONTENT_KINDS]
    st.session_state["platforms"] = [p for p in params.get_all("platform") if p in PLATFORMS]
    campaign = next(iter(_ints(params.get_all("campaign"))), None)
    st.session_state["campaign"] = campaign if campaign in campaigns else None
    _pick_campaign(last_day, campaigns)


def _period_chosen(last_day: date, campaigns: dict) -> None:
    """A new period: "custom" starts from the days shown until now (not from some other month);
    "a campaign's dates" without a campaign picks one (:func:`_pick_campaign`)."""
    if st.session_state["period"] == "custom" and SHOWN in st.session_state:
        st.session_state["date_from"], st.session_state["date_to"] = st.session_state[SHOWN]
    _pick_campaign(last_day, campaigns)


def _campaign_chosen(last_day: date) -> None:
    """Choosing a campaign shows its dates (one click, not two controls to set); going back to all
    campaigns from a campaign's dates shows the default period again."""
    if st.session_state.get("campaign") is not None:
        st.session_state["period"] = "campaign"
    elif st.session_state.get("period") == "campaign":
        st.session_state["period"] = default_preset(last_day)


def _pick_campaign(last_day: date, campaigns: dict) -> None:
    """Choosing the period "a campaign's dates" without a campaign picks the latest one begun."""
    if st.session_state["period"] == "campaign" and st.session_state.get("campaign") is None and campaigns:
        started = [row for row in campaigns.values() if row.start_date <= last_day] or list(
            campaigns.values()
        )
        st.session_state["campaign"] = int(max(started, key=lambda row: row.start_date).id)


def _ints(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def sidebar(lang: str) -> View:
    """Draw the filters in the sidebar and return the view they select (also kept for the pages)."""
    _, last_day = data.query(metrics.date_range)
    channels = data.query(metrics.channels)
    channel_names = dict(zip(channels["id"], channels["name"], strict=True))
    campaigns = {int(row.id): row for row in data.query(metrics.campaigns).itertuples()}
    _seed(last_day, list(channel_names), campaigns)
    if st.session_state.get("campaign") not in (None, *campaigns):
        st.session_state["campaign"] = None  # deleted meanwhile
    side = st.sidebar
    side.subheader(t("filters", lang))
    preset = side.selectbox(
        t("period", lang),
        PRESETS,
        key="period",
        format_func=lambda code: t(f"period_{code}", lang),
        on_change=_period_chosen,
        args=(last_day, campaigns),
    )
    if preset == "custom":
        # Two single-day pickers: the range picker offers English quick ranges no option translates.
        start = side.date_input(t("date_from", lang), format="DD/MM/YYYY", key="date_from")
        end = side.date_input(t("date_to", lang), format="DD/MM/YYYY", key="date_to")
        if start is None or end is None:
            start, end = preset_window("month", last_day)
        start, end = min(start, end), max(start, end)  # picked the wrong way round: the same days
    campaign_id = side.selectbox(
        t("campaign", lang),
        [None, *campaigns],
        key="campaign",
        format_func=lambda cid: t("all", lang) if cid is None else campaigns[cid].name,
        placeholder=t("all", lang),
        on_change=_campaign_chosen,
        args=(last_day,),
    )
    if preset == "campaign" and campaign_id is not None:
        start, end = campaigns[campaign_id].start_date, campaigns[campaign_id].end_date
    elif preset != "custom":
        start, end = preset_window("month" if preset == "campaign" else preset, last_day)
    platforms = side.multiselect(
        t("platforms", lang),
        PLATFORMS,
        key="platforms",
        format_func=lambda platform: platform_label(platform, lang),
        placeholder=t("all", lang),
    )
    channel_ids = side.multiselect(
        t("channels", lang),
        list(channel_names),
        key="channels",
        format_func=channel_names.__getitem__,
        placeholder=t("all", lang),
    )
    kinds = side.multiselect(
        t("kinds", lang),
        CONTENT_KINDS,
        key="kinds",
        format_func=lambda kind: kind_label(kind, lang),
        placeholder=t("all", lang),
    )
    scope = Scope(start, end, tuple(channel_ids), tuple(kinds), campaign_id, tuple(platforms))
    st.session_state[SHOWN] = (start, end)
    dates = t("period_shown", lang, period=period_label(start, end, lang), days=fmt_int(scope.days, lang))
    side.caption(dates)
    side.caption(t("period_help", lang, last=fmt_date(last_day, lang)) + " " + t("share_hint", lang))
    _write_url(lang, preset, scope)
    render_downloads(scope, lang)
    view = View(scope, lang)
    st.session_state[VIEW] = view
    return view


def _write_url(lang: str, preset: str, scope: Scope) -> None:
    """Put the view in the address bar (codes only), unless it is there already."""
    params: dict[str, str | list[str]] = {"lang": lang, "period": preset}
    if preset == "custom":
        params["from"], params["to"] = scope.start.isoformat(), scope.end.isoformat()
    if scope.campaign_id is not None:
        params["campaign"] = str(scope.campaign_id)
    if scope.channel_ids:
        params["channel"] = [str(i) for i in scope.channel_ids]
    if scope.kinds:
        params["kind"] = list(scope.kinds)
    if scope.platforms:
        params["platform"] = list(scope.platforms)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    wanted = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


def current_view() -> View:
    """The view the sidebar selected in this run (pages call this)."""
    return st.session_state[VIEW]


def current_lang() -> str:
    """The language chosen in the sidebar (pages call this when they need no filters)."""
    return st.session_state["lang"]
