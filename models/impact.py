"""Campaign impact: how many enrolments a campaign's days brought beyond what the weeks before it predict.

For each campaign and enrolment category: the count expected on the campaign's days from the weeks
before it (day-of-week pattern; public holidays and every campaign's days left out of that baseline),
the observed count, their difference and ratio with a prediction interval for the window's total,
and a placebo check: the same estimate on quiet windows of the same length. Per unit: a
difference-in-differences table of focus units against the others. All of it is association with
the campaign, not proven cause. Pure functions take counts in and give estimates out; only
:func:`campaign_impact` and :func:`unit_impact` read the database (aggregated daily counts, in SQL).
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import holidays
import numpy as np
import pandas as pd
from scipy import stats
from sqlalchemy import Connection, select

# statsmodels' own modules, not statsmodels.api: that loads every model it has (26 MB in each
# dashboard process) for the three used here.
from statsmodels.discrete.discrete_model import NegativeBinomial
from statsmodels.genmod.families import Poisson
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

from models import activities, metrics
from models.errors import UserError
from models.i18n import fmt_day, fmt_decimal, fmt_int, fmt_p_value, fmt_percent, language
from models.messages import category_name, say
from models.tables import Campaign
from models.units import unit_mapping

LOOKBACK_DAYS = 56  # the baseline: up to eight weeks before the window
MIN_BASELINE_DAYS = 28  # four weeks of usable days, else no estimate
LEVEL = 0.95
DRAWS = 4000
DISPERSION_LIMIT = 1.5  # Pearson χ²/df above this: the counts vary more than Poisson allows
TREND_P_VALUE = 0.01
SMALL_P_VALUE = 0.1
# With fewer quiet windows even "none as high" gives p = 1 ÷ (windows + 1) ≥ SMALL_P_VALUE: the
# placebo check cannot tell a rare figure from a common one, so it is said not to have been made.
MIN_PLACEBO_WINDOWS = 9

# Days offices are closed, left out of every baseline and placebo window: the ``holidays`` package's
# Vietnamese public holidays (Tết and Hùng Kings' day by the lunar calendar for any year, the days
# observed or swapped by the government's notices), and the longer Tết breaks those notices gave,
# which the package counts only in part (weekends and bridge days around Tết).
TET_BREAKS: dict[int, tuple[date, date]] = {
    2023: (date(2023, 1, 20), date(2023, 1, 26)),
    2024: (date(2024, 2, 8), date(2024, 2, 14)),
    2025: (date(2025, 1, 25), date(2025, 2, 2)),
    2026: (date(2026, 2, 14), date(2026, 2, 22)),
    2027: (date(2027, 2, 5), date(2027, 2, 10)),
}


def vietnam_holidays(start: date, end: date) -> set[date]:
    """Vietnamese public holidays and Tết breaks between ``start`` and ``end`` (inclusive)."""
    found = set(holidays.country_holidays("VN", years=range(start.year, end.year + 1)))
    for year in range(start.year, end.year + 1):
        if year in TET_BREAKS:
            found |= set(days_between(*TET_BREAKS[year]))
    return {day for day in found if start <= day <= end}


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass(frozen=True)
class Placebo:
    """The same estimate on quiet windows (no campaign, no holiday) of the campaign's length."""

    ratios: tuple[float, ...]  # observed ÷ expected in each quiet window
    as_high: int  # quiet windows whose ratio reached the campaign's
    p_value: float  # (as_high + 1) ÷ (windows + 1): an empirical one-sided p-value

    @property
    def windows(self) -> int:
        return len(self.ratios)


@dataclass(frozen=True)
class Estimate:
    """Observed against expected enrolments of one category over a campaign's days.

    ``status`` is ``ok``, ``too_little_history`` (fewer than four weeks of usable baseline) or
    ``no_window_data`` (no reported day inside the window). Intervals are ``LEVEL`` prediction
    intervals of the window's total (day-to-day noise and the baseline model's own uncertainty)."""

    category: str
    start: date
    end: date
    status: str
    campaign: str = ""
    unit: str | None = None
    baseline_days: int = 0
    baseline_start: date | None = None
    baseline_end: date | None = None
    window_days: int = 0
    observed: int | None = None
    expected: float | None = None
    expected_low: float | None = None
    expected_high: float | None = None
    model: str | None = None  # poisson or negative_binomial
    trend: bool = False
    placebo: Placebo | None = None
    level: float = LEVEL

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def difference(self) -> float | None:
        return None if not self.ok else self.observed - self.expected

    @property
    def difference_low(self) -> float | None:
        return None if not self.ok else self.observed - self.expected_high

    @property
    def difference_high(self) -> float | None:
        return None if not self.ok else self.observed - self.expected_low

    @property
    def ratio(self) -> float | None:
        return metrics.ratio(self.observed, self.expected) if self.ok else None

    @property
    def ratio_low(self) -> float | None:
        return metrics.ratio(self.observed, self.expected_high) if self.ok else None

    @property
    def ratio_high(self) -> float | None:
        return metrics.ratio(self.observed, self.expected_low) if self.ok else None

    @property
    def clear_uplift(self) -> bool:
        """The observed total is above the whole prediction interval."""
        return self.ok and self.observed > self.expected_high

    @property
    def clear_drop(self) -> bool:
        return self.ok and self.observed < self.expected_low


@dataclass(frozen=True)
class _Fit:
    model: str
    trend: bool
    params: np.ndarray
    cov: np.ndarray
    alpha: float  # NB2 dispersion (0 for Poisson)
    alpha_index: int | None
    zero_weekdays: frozenset[int]
    origin: date


def estimate_uplift(
    counts: Mapping[date, int] | pd.Series,
    start: date,
    end: date,
    excluded: Collection[date] = (),
    *,
    category: str = "",
    lookback_days: int = LOOKBACK_DAYS,
    draws: int = DRAWS,
    seed: int = 0,
    level: float = LEVEL,
) -> Estimate:
    """Expected enrolments over ``start``…``end`` from the ``lookback_days`` before it, against the observed.

    ``counts`` holds one value per *reported* day (a day missing from it is unknown, not zero);
    ``excluded`` are days kept out of the baseline (holidays, every campaign's days).

    Model: a count regression (log link) with one term per weekday, fitted by statsmodels on the
    baseline days: Poisson when the counts vary as Poisson counts do, negative binomial (NB2, its
    dispersion estimated by maximum likelihood) when they vary more (Pearson χ²/df above 1.5), as
    daily enrolments driven by village meetings and market days usually do; a linear trend only when
    its Wald test with the quasi-likelihood scale finds one (p < 0.01), because extrapolating a weak
    trend over a month invents effects. Weekdays with no enrolment in the whole baseline (offices
    closed) are expected to stay at zero. The interval for the window's total is simulated:
    parameters drawn from their estimated sampling distribution, then daily counts from the fitted
    distribution, summed; so it is a prediction interval for the total, not a confidence interval
    for a mean.
    Why not a structural time-series model: four to eight weeks of daily counts with a weekly
    pattern are too short to separate a local level from noise; the regression says plainly what it
    assumes (a stable weekly pattern) and is checked by the placebo windows.
    """
    series = _as_series(counts)
    window = [d for d in days_between(start, end) if d in series.index]
    base = Estimate(category=category, start=start, end=end, status="ok", level=level)
    if not window:
        return replace(base, status="no_window_data")
    fit, baseline = _fit_baseline(series, start, excluded, lookback_days, spread=draws > 0)
    base = replace(
        base,
        baseline_days=len(baseline),
        baseline_start=min(baseline.index) if len(baseline) else None,
        baseline_end=max(baseline.index) if len(baseline) else None,
        window_days=len(window),
        observed=int(series[window].sum()),
    )
    if fit is None:
        return replace(base, status="too_little_history")
    point = _mean(fit, fit.params, window)[0].sum()
    totals = _simulate_totals(fit, window, draws, np.random.default_rng(seed)) if draws else None
    tail = (1 - level) / 2
    low, high = (point, point) if totals is None else np.quantile(totals, [tail, 1 - tail])
    return replace(
        base,
        expected=float(point),
        expected_low=float(low),
        expected_high=float(high),
        model=fit.model,
        trend=fit.trend,
    )


def _as_series(counts: Mapping[date, int] | pd.Series) -> pd.Series:
    series = counts if isinstance(counts, pd.Series) else pd.Series(dict(counts), dtype=float)
    return series.dropna().astype(float).sort_index()


def _fit_baseline(
    series: pd.Series, start: date, excluded: Collection[date], lookback_days: int, spread: bool = True
) -> tuple[_Fit | None, pd.Series]:
    """The baseline days (reported, not excluded, within the lookback) and the model fitted on them.

    Without ``spread`` (only the expected count is wanted, as in the placebo windows) the Poisson
    fit is kept: without a trend its expected counts are each weekday's mean, as the negative
    binomial's are too."""
    first = start - timedelta(days=lookback_days)
    excluded = set(excluded)
    window = series.loc[first : start - timedelta(days=1)] if len(series) else series
    baseline = window[[d not in excluded for d in window.index]] if excluded else window
    if len(baseline) < MIN_BASELINE_DAYS:
        return None, baseline
    weekdays = np.array([d.weekday() for d in baseline.index])
    if len(set(weekdays)) < 7:  # a weekday never seen: its pattern cannot be known
        return None, baseline
    # Sums per weekday on the bare array: pandas' indexing, seven times per placebo window, was a
    # tenth of an export's time.
    per_weekday = np.bincount(weekdays, weights=baseline.to_numpy(), minlength=7)
    zero_weekdays = frozenset(int(w) for w in np.flatnonzero(per_weekday == 0))
    kept = baseline[[w not in zero_weekdays for w in weekdays]]
    if len(kept) == 0 or kept.sum() == 0:
        return _Fit(
            "poisson", False, np.array([]), np.zeros((0, 0)), 0.0, None, frozenset(range(7)), start
        ), baseline
    origin = start
    y = kept.to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (ConvergenceWarning, PerfectSeparationWarning, RuntimeWarning))
        trended = GLM(y, _design(kept.index, zero_weekdays, origin, trend=True), family=Poisson()).fit(
            scale="X2"
        )
        # The trend's test allows for overdispersion (quasi-likelihood scale), so noise is no trend.
        trend = bool(trended.pvalues[-1] < TREND_P_VALUE)
        design = _design(kept.index, zero_weekdays, origin, trend)
        if not spread and not trend:
            # Only the expected counts: the Poisson fit's, in closed form (each weekday's mean).
            means = np.log(np.maximum(design.T @ y, 1e-12) / design.sum(axis=0))
            return _Fit(
                "poisson", False, means, np.zeros((len(means),) * 2), 0.0, None, zero_weekdays, origin
            ), baseline
        poisson = GLM(y, design, family=Poisson()).fit()  # own scale: 1, as Poisson says
        dispersion = poisson.pearson_chi2 / max(poisson.df_resid, 1)
        if spread and dispersion > DISPERSION_LIMIT:
            negative_binomial = NegativeBinomial(y, design, loglike_method="nb2").fit(
                start_params=np.append(poisson.params, 0.1), disp=0, maxiter=200
            )
            alpha = float(negative_binomial.params[-1])
            cov = np.asarray(negative_binomial.cov_params())
            if negative_binomial.mle_retvals.get("converged", False) and alpha > 0 and np.isfinite(cov).all():
                fit = _Fit(
                    "negative_binomial",
                    trend,
                    np.asarray(negative_binomial.params),
                    cov,
                    alpha,
                    len(design[0]),
                    zero_weekdays,
                    origin,
                )
                return fit, baseline
        return (
            _Fit(
                "poisson",
                trend,
                np.asarray(poisson.params),
                np.asarray(poisson.cov_params()),
                0.0,
                None,
                zero_weekdays,
                origin,
            ),
            baseline,
        )


def _design(days: Sequence[date], zero_weekdays: Collection[int], origin: date, trend: bool) -> np.ndarray:
    """Columns: one per weekday that has enrolments (no intercept), then weeks from ``origin``."""
    weekdays = [w for w in range(7) if w not in zero_weekdays]
    columns = [[1.0 if d.weekday() == w else 0.0 for w in weekdays] for d in days]
    if trend:
        columns = [row + [(d - origin).days / 7] for row, d in zip(columns, days, strict=True)]
    return np.array(columns, dtype=float).reshape(len(days), len(weekdays) + int(trend))


def _mean(fit: _Fit, params: np.ndarray, days: Sequence[date]) -> np.ndarray:
    """Expected count of each day (zero on the weekdays closed throughout the baseline); with a
    matrix of parameter draws (one per row), one row of expected counts per draw."""
    params = np.atleast_2d(params)
    result = np.zeros((len(params), len(days)))
    open_days = [d for d in days if d.weekday() not in fit.zero_weekdays]
    if open_days and params.shape[1]:
        beta = params[:, : fit.alpha_index] if fit.alpha_index is not None else params
        design = _design(open_days, fit.zero_weekdays, fit.origin, fit.trend)
        result[:, [d.weekday() not in fit.zero_weekdays for d in days]] = np.exp(beta @ design.T)
    return result


def _simulate_totals(fit: _Fit, days: Sequence[date], draws: int, rng: np.random.Generator) -> np.ndarray:
    """Totals over ``days`` drawn from the fitted model, parameter uncertainty included."""
    if not len(fit.params):
        return np.zeros(draws)
    parameters = rng.multivariate_normal(fit.params, fit.cov, size=draws, method="eigh")
    mu = _mean(fit, parameters, days)
    if fit.alpha_index is not None:
        alpha = np.maximum(parameters[:, fit.alpha_index], 1e-8)[:, None]
        mu = rng.gamma(1 / alpha, alpha * mu)  # negative binomial as a gamma mixture of Poissons
    return rng.poisson(mu).sum(axis=1).astype(float)


def placebo_check(
    counts: Mapping[date, int] | pd.Series,
    start: date,
    end: date,
    excluded: Collection[date],
    campaign_ratio: float,
    *,
    lookback_days: int = LOOKBACK_DAYS,
) -> Placebo:
    """The campaign's estimate repeated on every quiet window of its length in the history.

    Windows step by the campaign's length from its first day, backwards and forwards (so they start
    on the same weekday); a window counts when every day is reported, none is excluded (a campaign
    or a holiday) and it has four weeks of baseline. How many reach the campaign's ratio tells how
    unusual the campaign's figure is when nothing was going on."""
    series = _as_series(counts)
    length = (end - start).days + 1
    excluded = set(excluded)
    if series.empty:
        return Placebo((), 0, 1.0)
    first, last = min(series.index), max(series.index)
    starts = []
    shift = start - timedelta(days=length)
    while shift >= first:
        starts.append(shift)
        shift -= timedelta(days=length)
    shift = start + timedelta(days=length)
    while shift + timedelta(days=length - 1) <= last:
        starts.append(shift)
        shift += timedelta(days=length)
    ratios = []
    for window_start in sorted(starts):
        window_end = window_start + timedelta(days=length - 1)
        days = days_between(window_start, window_end)
        if any(d in excluded or d not in series.index for d in days):
            continue
        estimate = estimate_uplift(
            series, window_start, window_end, excluded, lookback_days=lookback_days, draws=0
        )
        if estimate.ok and estimate.ratio is not None:
            ratios.append(estimate.ratio)
    as_high = sum(1 for r in ratios if r >= campaign_ratio)
    return Placebo(tuple(ratios), as_high, (as_high + 1) / (len(ratios) + 1))


@dataclass(frozen=True)
class CampaignWindow:
    """A campaign as the estimate needs it."""

    name: str
    start: date
    end: date
    id: int | None = None


def campaign_windows(connection: Connection) -> list[CampaignWindow]:
    """Every campaign's name and days, earliest first."""
    rows = connection.execute(
        select(Campaign.name, Campaign.start_date, Campaign.end_date, Campaign.id).order_by(
            Campaign.start_date, Campaign.name
        )
    )
    return [CampaignWindow(*row) for row in rows]


def excluded_days(campaigns: Sequence[CampaignWindow], start: date, end: date) -> set[date]:
    """Days kept out of every baseline and placebo window: any campaign's days and public holidays."""
    days = vietnam_holidays(start, end)
    for campaign in campaigns:
        days |= set(days_between(campaign.start, campaign.end))
    return days


def campaign_impact(
    connection: Connection,
    campaign: str | CampaignWindow,
    *,
    categories: Sequence[str] = (),
    units: Sequence[str] = (),
    draws: int = DRAWS,
    seed: int = 0,
    placebo: bool = True,
) -> list[Estimate]:
    """The impact estimate of ``campaign`` (a name or a window) for each enrolment category.

    Reads daily counts per category (summed in SQL; ``units`` narrows them) over the campaign and the
    history before and after it; other campaigns' days and holidays are left out of the baselines."""
    windows = campaign_windows(connection)
    campaign = _campaign(windows, campaign)
    daily = metrics.enrolment_reported_days(connection, tuple(categories), tuple(units))
    if daily.empty:
        return []
    first, last = min(daily.index), max(daily.index)
    excluded = excluded_days(windows, first, last) | excluded_days([campaign], first, last)
    estimates = []
    for category in categories or [c for c in daily.columns]:
        series = daily[category] if category in daily else daily.iloc[:, 0] * 0
        estimate = estimate_uplift(
            series, campaign.start, campaign.end, excluded, category=category, draws=draws, seed=seed
        )
        estimate = replace(estimate, campaign=campaign.name, unit=", ".join(units) or None)
        if placebo and estimate.ok and estimate.ratio is not None:
            estimate = replace(
                estimate,
                placebo=placebo_check(series, campaign.start, campaign.end, excluded, estimate.ratio),
            )
        estimates.append(estimate)
    return estimates


def _campaign(windows: Sequence[CampaignWindow], campaign: str | CampaignWindow) -> CampaignWindow:
    """The campaign named ``campaign`` (or the window given), else a one-line error for the user."""
    if isinstance(campaign, CampaignWindow):
        return campaign
    for window in windows:
        if window.name == campaign:
            return window
    raise UserError(say("campaign_unknown", name=campaign))


ESTIMATE_COLUMNS = (
    "category",
    "status",
    "observed",
    "expected",
    "expected_low",
    "expected_high",
    "difference",
    "difference_low",
    "difference_high",
    "ratio",
    "ratio_low",
    "ratio_high",
    "baseline_days",
    "model",
    "placebo_windows",
    "placebo_as_high",
    "placebo_p",
)


def estimates_frame(estimates: Sequence[Estimate]) -> pd.DataFrame:
    """The estimates as one table row each (the figures the page, the chart and the exports show)."""
    rows = []
    for estimate in estimates:
        row = {name: getattr(estimate, name, None) for name in ESTIMATE_COLUMNS[:14]}
        placebo = estimate.placebo
        row |= {
            "placebo_windows": placebo.windows if placebo else None,
            "placebo_as_high": placebo.as_high if placebo else None,
            "placebo_p": placebo.p_value if placebo else None,
        }
        rows.append(row)
    return pd.DataFrame(rows, columns=list(ESTIMATE_COLUMNS))


def describe(estimate: Estimate, lang: str | None = None, caution: bool = True) -> str:
    """The estimate in plain words for leadership (Vietnamese or English), ending with the caution
    that it is association, not proven cause (``caution=False`` where the caution is said once)."""
    lang = language(lang)
    category = category_name(estimate.category, lang)
    period = say("impact_period", lang, start=fmt_day(estimate.start, lang), end=fmt_day(estimate.end, lang))
    if estimate.status == "no_window_data":
        return _sentence(say("impact_no_window_data", lang, category=category, period=period))
    if estimate.status == "too_little_history":
        return _sentence(
            say(
                "impact_too_little_history",
                lang,
                category=category,
                period=period,
                days=fmt_int(estimate.baseline_days, lang),
                needed=fmt_int(MIN_BASELINE_DAYS, lang),
                weeks=fmt_int(LOOKBACK_DAYS // 7, lang),
            )
        )
    percent = fmt_percent(estimate.level, lang, digits=0)
    figures = say(
        "impact_figures",
        lang,
        category=category,
        period=period,
        observed=fmt_int(estimate.observed, lang),
        expected=fmt_int(estimate.expected, lang),
        low=fmt_int(estimate.expected_low, lang),
        high=fmt_int(estimate.expected_high, lang),
        level=percent,
        difference=_signed(estimate.difference, lang),
        difference_low=_signed(estimate.difference_low, lang),
        difference_high=_signed(estimate.difference_high, lang),
        ratio=fmt_decimal(estimate.ratio, lang, digits=2),
        baseline_days=fmt_int(estimate.baseline_days, lang),
    )
    verdict_key = (
        "impact_verdict_up"
        if estimate.clear_uplift
        else "impact_verdict_down"
        if estimate.clear_drop
        else "impact_verdict_none"
    )
    parts = [figures, say(verdict_key, lang)]
    if estimate.placebo is not None:
        parts.append(describe_placebo(estimate.placebo, lang))
    if caution:
        parts.append(say("impact_caution", lang))
    return _sentence(" ".join(parts))


def caution(lang: str | None = None) -> str:
    """Association, not proven cause, and what else could explain a rise: once under several estimates."""
    return say("impact_caution", language(lang))


def describe_placebo(placebo: Placebo, lang: str | None = None) -> str:
    """ "In 2 of 40 quiet weeks the count was as high", in plain words."""
    lang = language(lang)
    if not placebo.windows:
        return say("placebo_none", lang)
    if placebo.windows < MIN_PLACEBO_WINDOWS:
        return say(
            "placebo_too_few",
            lang,
            windows=fmt_int(placebo.windows, lang),
            needed=fmt_int(MIN_PLACEBO_WINDOWS, lang),
        )
    key = "placebo_small" if placebo.p_value < SMALL_P_VALUE else "placebo_not_small"
    if not placebo.as_high:  # "none of 22", not "in 0 of 22"
        return say(
            "placebo_none_as_high",
            lang,
            windows=fmt_int(placebo.windows, lang),
            p=fmt_p_value(placebo.p_value, lang),
        )
    return say(
        key,
        lang,
        as_high=fmt_int(placebo.as_high, lang),
        windows=fmt_int(placebo.windows, lang),
        p=fmt_p_value(placebo.p_value, lang),
    )


def describe_units(comparison: UnitComparison, focus: Sequence[str], lang: str | None = None) -> str:
    """The per-unit comparison in plain words (Vietnamese or English), its assumption included."""
    lang = language(lang)
    category = category_name(comparison.category, lang)
    if comparison.status == "no_units":
        return _sentence(say("units_no_units", lang, category=category))
    if comparison.status == "too_little_history":
        return _sentence(say("units_too_little_history", lang, category=category, needed=MIN_BASELINE_DAYS))
    figures = say(
        "units_figures",
        lang,
        category=category,
        units=", ".join(focus),
        focus_ratio=fmt_decimal(comparison.focus_ratio, lang, digits=2),
        other_ratio=fmt_decimal(comparison.other_ratio, lang, digits=2),
        relative=fmt_decimal(comparison.relative, lang, digits=2),
        low=fmt_decimal(comparison.relative_low, lang, digits=2),
        high=fmt_decimal(comparison.relative_high, lang, digits=2),
        level=fmt_percent(comparison.level, lang, digits=0),
    )
    low, high = comparison.relative_low, comparison.relative_high
    verdict = (
        "units_verdict_up"
        if low is not None and low > 1
        else "units_verdict_down"
        if high is not None and high < 1
        else "units_verdict_none"
    )
    return _sentence(" ".join([figures, say(verdict, lang), say("units_caution", lang)]))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = fmt_int(abs(value), lang)
    return f"+{text}" if round(value) > 0 else f"−{text}" if round(value) < 0 else text


@dataclass(frozen=True)
class UnitComparison:
    """Difference in differences: focus units' change against the other units' over the same days."""

    category: str
    status: str  # ok, too_little_history, no_units
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # unit, focus, before/during per day, ratio
    focus_ratio: float | None = None  # during ÷ before, focus units together (per reported day)
    other_ratio: float | None = None
    relative: float | None = None  # focus ratio ÷ other ratio, from the model (1 = no difference)
    relative_low: float | None = None
    relative_high: float | None = None
    level: float = LEVEL


def difference_in_differences(
    frame: pd.DataFrame,
    focus: Collection[str],
    start: date,
    end: date,
    excluded: Collection[date] = (),
    *,
    category: str = "",
    lookback_days: int = LOOKBACK_DAYS,
    level: float = LEVEL,
) -> UnitComparison:
    """Focus units against the others: enrolments per unit and day before and during the window.

    ``frame`` has columns unit, day, count (one row per reported unit and day). The comparison is a
    quasi-Poisson regression of the unit-day counts with a term per unit and per weekday, one for
    the window's days and one for the window's days in focus units: its exponent is how much more
    (×) the focus units changed than the others. It assumes both groups would have moved alike
    without the focus (parallel trends): check the "before" columns."""
    focus = set(focus)
    first = start - timedelta(days=lookback_days)
    excluded = set(excluded)
    frame = frame[[first <= d <= end for d in frame.day]].copy()
    frame["during"] = [start <= d <= end for d in frame.day]
    frame = frame[frame.during | ~frame.day.isin(excluded)]
    units = sorted(set(frame.unit))
    in_focus = [u for u in units if u in focus]
    if not in_focus or len(in_focus) == len(units):
        return UnitComparison(category, "no_units")
    if frame[~frame.during].day.nunique() < MIN_BASELINE_DAYS:
        return UnitComparison(category, "too_little_history")
    frame["focus"] = frame.unit.isin(focus)
    per_unit = (
        frame.groupby(["unit", "during"]).agg(total=("count", "sum"), days=("day", "nunique")).reset_index()
    )
    per_unit["per_day"] = per_unit.total / per_unit.days
    table = per_unit.pivot(index="unit", columns="during", values="per_day").rename(
        columns={False: "before_per_day", True: "during_per_day"}
    )
    table = table.reindex(columns=["before_per_day", "during_per_day"]).reset_index()
    table.insert(1, "focus", table.unit.isin(focus))
    table["ratio"] = [
        metrics.ratio(d, b) for b, d in zip(table.before_per_day, table.during_per_day, strict=True)
    ]
    table = table.sort_values(["focus", "unit"], ascending=[False, True]).reset_index(drop=True)
    table.columns.name = None

    def group_ratio(is_focus: bool) -> float | None:
        part = frame[frame.focus == is_focus]
        before, during = part[~part.during], part[part.during]
        return metrics.ratio(
            during["count"].sum() / max(during.day.nunique(), 1),
            before["count"].sum() / max(before.day.nunique(), 1),
        )

    comparison = UnitComparison(category, "ok", table, group_ratio(True), group_ratio(False), level=level)
    design = pd.get_dummies(frame.unit, dtype=float)
    weekdays = pd.get_dummies(
        pd.Series([d.weekday() for d in frame.day], index=frame.index), prefix="w", dtype=float
    )
    design = pd.concat([design, weekdays.iloc[:, 1:]], axis=1)
    design["during"] = frame.during.astype(float)
    design["during_focus"] = (frame.during & frame.focus).astype(float)
    if frame["count"].sum() == 0:
        return comparison
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (ConvergenceWarning, PerfectSeparationWarning, RuntimeWarning))
        result = GLM(frame["count"].astype(float).to_numpy(), design.to_numpy(), family=Poisson()).fit(
            scale="X2"
        )
    coefficient = float(result.params[-1])
    spread = float(result.bse[-1]) * stats.norm.ppf(1 - (1 - level) / 2)
    if not np.isfinite(spread):
        return comparison
    return replace(
        comparison,
        relative=float(np.exp(coefficient)),
        relative_low=float(np.exp(coefficient - spread)),
        relative_high=float(np.exp(coefficient + spread)),
    )


def comparable_units(connection: Connection, level: str | None = None) -> list[str]:
    """The units of the enrolment results as the per-unit comparison groups them (old names merged)."""
    names = metrics.enrolment_units(connection)
    mapping = unit_mapping(connection, names, level)
    return sorted({mapping.get(name, name) for name in names})


def activity_units(
    connection: Connection, campaign: str | CampaignWindow, level: str | None = None
) -> list[str]:
    """The units where the office held activities for the campaign (given to it, or starting during
    it), as :func:`comparable_units` names them: the default focus of the per-unit comparison."""
    campaign = _campaign(campaign_windows(connection), campaign)
    held = activities.activities(
        connection, metrics.Scope(campaign.start, campaign.end, campaign_id=campaign.id)
    )
    names = sorted({unit for unit in held.unit if unit})
    mapping = unit_mapping(connection, names, level)
    return sorted({mapping.get(name, name) for name in names})


def unit_impact(
    connection: Connection,
    campaign: str | CampaignWindow,
    category: str,
    focus: Collection[str],
    *,
    level: str | None = None,
    lookback_days: int = LOOKBACK_DAYS,
) -> UnitComparison:
    """Difference in differences of ``focus`` units (names as :func:`comparable_units` gives them)
    against the other units, for one campaign and category; old names count for today's units."""
    windows = campaign_windows(connection)
    campaign = _campaign(windows, campaign)
    mapping = unit_mapping(connection, metrics.enrolment_units(connection), level)
    first = campaign.start - timedelta(days=lookback_days)
    frame = metrics.enrolment_unit_days(connection, category, first, campaign.end, mapping)
    excluded = excluded_days(windows, first, campaign.end)
    return difference_in_differences(
        frame, focus, campaign.start, campaign.end, excluded, category=category, lookback_days=lookback_days
    )
