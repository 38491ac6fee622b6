"""Plotly figures as PNG images, several from one browser: kaleido starts Chromium for each call of
``plotly.io.to_image`` (about 2 s on a busy machine), so a report's charts are drawn in one session.

The browser can be started ahead (:func:`start_browser`) while the caller computes what it will draw:
the Word report's command starts it before building the summary.

Used by the Word report and by the dashboard's chart downloads. Raises what kaleido raises (no
Chrome/Chromium, a browser that fails): callers decide what the user reads then.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go


# An empty chart drawn by a browser started ahead: its first drawing loads plotly.js into the page
# (about a second), done so while the caller is still computing.
_WARM_UP = ({"data": [], "layout": {}}, {"format": "png", "width": 10, "height": 10, "scale": 1})


class _Browser:
    """One kaleido browser, opened at once in a thread of its own (with its event loop: the caller
    may already run one, as Streamlit and notebooks do); drawing waits for it to be ready."""

    def __init__(self, warm: bool = False) -> None:
        import kaleido  # here, not in the thread: two threads importing the same modules can deadlock

        self.library, self.warm = kaleido, warm
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="chart-browser", daemon=True)
        self.thread.start()
        self.kaleido: Any = None
        self.ready = asyncio.run_coroutine_threadsafe(self._open(), self.loop)

    async def _open(self) -> None:
        # No MathJax (our charts have no formulas): kaleido would fetch it from a CDN for every
        # page, and wait for it on a server without internet.
        browser = self.library.Kaleido(n=1, mathjax=False)
        self.kaleido = await browser.__aenter__()
        if self.warm:
            await self.kaleido.calc_fig(_WARM_UP[0], opts=_WARM_UP[1])

    def draw(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        self.ready.result()  # raises what starting the browser raised

        async def draw() -> list[bytes]:
            return [await self.kaleido.calc_fig(figure, opts=opts) for figure, opts in specs]

        return asyncio.run_coroutine_threadsafe(draw(), self.loop).result()

    def close(self) -> None:
        try:
            self.ready.exception()  # waits for the start to end, however it ended
            if self.kaleido is not None:  # opened (a failed warm-up still leaves a browser to close)
                asyncio.run_coroutine_threadsafe(self.kaleido.__aexit__(None, None, None), self.loop).result()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()
            self.loop.close()


_early: _Browser | None = None
_early_lock = threading.Lock()


def start_browser() -> None:
    """Start the browser the next :func:`render_pngs` of this process draws with, in the background."""
    global _early
    with _early_lock:
        if _early is None:
            _early = _Browser(warm=True)


def _take_early() -> _Browser | None:
    global _early
    with _early_lock:
        browser, _early = _early, None
    return browser


@atexit.register
def _close_unused() -> None:
    """A browser started ahead and never drawn with (the command failed first) is closed, not left."""
    browser = _take_early()
    if browser is not None:
        browser.close()


def render_pngs(figures: Sequence[go.Figure], width: int, scale: float) -> list[bytes]:
    """PNG images of ``figures`` at ``width`` CSS pixels (their own height) times ``scale``, drawn by
    one browser: the one :func:`start_browser` started, else one started for the call."""
    specs = [
        (
            figure.to_dict(),
            {"format": "png", "width": width, "height": figure.layout.height or 500, "scale": scale},
        )
        for figure in figures
    ]
    browser = _take_early() or _Browser()
    try:
        return browser.draw(specs)
    finally:
        browser.close()


def no_browser(error: BaseException) -> bool:
    """True when ``error`` says there is no Chrome/Chromium to draw with (nothing to try again)."""
    from kaleido.errors import ChromeNotFoundError

    return isinstance(error, ChromeNotFoundError)
