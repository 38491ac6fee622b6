"""Plotly figures as PNG images, several from one browser: kaleido starts Chromium for each call of
``plotly.io.to_image`` (about 2 s on a busy machine), so a report's charts are drawn in one session.

Used by the Word report and by the dashboard's chart downloads. Raises what kaleido raises (no
Chrome/Chromium, a browser that fails): callers decide what the user reads then.
"""

import asyncio
import concurrent.futures
from collections.abc import Sequence

import plotly.graph_objects as go


def render_pngs(figures: Sequence[go.Figure], width: int, scale: float) -> list[bytes]:
    """PNG images of ``figures`` at ``width`` CSS pixels (their own height) times ``scale``, drawn by
    one browser started for the call."""
    import kaleido  # here: the browser's library is loaded only when a chart is drawn

    specs = [
        (
            figure.to_dict(),
            {"format": "png", "width": width, "height": figure.layout.height or 500, "scale": scale},
        )
        for figure in figures
    ]

    async def draw() -> list[bytes]:
        # No MathJax (our charts have no formulas): kaleido would fetch it from a CDN for every
        # page, and wait for it on a server without internet.
        async with kaleido.Kaleido(n=1, mathjax=False) as browser:
            return [await browser.calc_fig(figure, opts=opts) for figure, opts in specs]

    # A thread of its own: the caller may already run an event loop (Streamlit, a notebook).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, draw()).result()


def no_browser(error: BaseException) -> bool:
    """True when ``error`` says there is no Chrome/Chromium to draw with (nothing to try again)."""
    from kaleido.errors import ChromeNotFoundError

    return isinstance(error, ChromeNotFoundError)
