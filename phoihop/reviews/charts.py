"""Charts of a review, drawn on the server (no JavaScript, no network).

One function per chart, taking the Review (or plain lists) and a format: "svg" is
served as an image beside the pages (REVIEW_CHARTS, the registry the review page and the
dashboard share), drawn with matplotlib; "png" goes into the Word document, and its bar
charts are drawn straight with Pillow (phoihop.lib.bars: the same labels, series and
colours, in a few milliseconds where matplotlib takes ~100 ms a chart, which made a
first Word export several times slower than its tables). Each returns bytes. The
object-oriented API (matplotlib.figure.Figure) is used, never pyplot, so concurrent
requests do not share a global figure.

Every drawing is kept in Django's cache under a digest of all it draws from (labels,
values, title, format, language): the same figures give the same bytes from the cache to
whoever asks (nothing else is in the key, so nothing can leak between readers), and any
changed figure draws afresh. matplotlib takes longer to draw a chart than a review takes
to compute; a page view or an export whose figures were drawn before pays nothing for it.
"""

import functools
import hashlib
import io
import re
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on a server

from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy, pgettext  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from phoihop.lib import bars  # noqa: E402
from phoihop.reviews.data import Review  # noqa: E402

COLORS = {"main": "#1f5f99", "joint": "#b5202e", "light": "#9ec3e6", "warn": "#e66101"}
RC = {
    "font.family": "DejaVu Sans",  # carries every Vietnamese letter
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text in SVG: small, searchable
    "svg.hashsalt": "phoihop",  # stable element ids: the same figures give the same bytes
}
# The Word charts' font: matplotlib's own copy of DejaVu Sans, so both formats draw the same face.
FONT_FILE = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
LABEL_WIDTH = 30  # characters per line of a bar's label; longer labels wrap, never cut
CACHE_SECONDS = 15 * 60  # how long a drawing (and the dashboard's figures) stay cached


_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    """The whole label, on as many lines as it needs ("Nắm tình hình, trao đổi thông tin")."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def drawn_once(draw):
    """`draw(...)`, from the cache when the same arguments were drawn before (the key is a
    digest of the arguments, the language and the style)."""

    @functools.wraps(draw)
    def cached(*args, **kwargs):
        parts = (draw.__name__, args, sorted(kwargs.items()), translation.get_language(), RC)
        key = "reviews:chart:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        data = cache.get(key)
        if data is None:
            data = draw(*args, **kwargs)
            cache.set(key, data, CACHE_SECONDS)
        return data

    return cached


def _save(fig: Figure, fmt: str) -> bytes:
    if fmt not in ("svg", "png"):
        raise ValueError(f"unknown chart format {fmt!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def _figure(height: float) -> Figure:
    fig = Figure(figsize=(7.5, height))
    fig.subplots_adjust(left=0.35)
    return fig


@drawn_once
def _barh(labels, series: list[tuple[str, list[float], str]], title: str | None, fmt: str) -> bytes:
    """Stacked horizontal bars: one row per label, one segment per series. `title` None:
    no title (a document's caption already names the chart)."""
    labels = [wrap_label(label) for label in labels]
    if fmt == "png":
        return _barh_png(labels, series, title)
    lines = sum(label.count("\n") + 1 for label in labels)
    with matplotlib.rc_context(RC):
        fig = _figure(max(1.6, 0.3 * len(labels) + 0.16 * lines + 1))
        ax = fig.add_subplot()
        positions = range(len(labels))
        left = [0.0] * len(labels)
        for name, values, color in series:
            ax.barh(positions, values, left=left, color=color, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if title:
            ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        if len(series) > 1:
            ax.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=len(series), frameon=False
            )
        return _save(fig, fmt)


def _barh_png(labels, series, title: str | None) -> bytes:
    """The same bars for a document, drawn with Pillow (the wrapped labels drawn whole)."""
    return bars.barh_png(
        labels,
        [
            bars.Series(str(name), [float(v) for v in values], color)
            for name, values, color in series
        ],
        font_path=FONT_FILE,
        title=title,
        points=RC["font.size"],
    )


def chart_areas(review: Review, fmt: str = "svg", *, titled: bool = True) -> bytes:
    """Activities per content area, the joint ones (two members or more) marked."""
    labels = [f"{a.number}. {a.name}" for a in review.areas]
    joint = [a.joint for a in review.areas]
    alone = [a.activities - a.joint for a in review.areas]
    return _barh(
        labels,
        [
            (_("Có từ hai thành viên trở lên"), joint, COLORS["joint"]),
            (_("Một thành viên"), alone, COLORS["light"]),
        ],
        _("Hoạt động theo nội dung phối hợp") if titled else None,
        fmt,
    )


def chart_members(review: Review, fmt: str = "svg", *, titled: bool = True) -> bytes:
    """Activities each member led and took part in as a partner."""
    labels = [m.short_name for m in review.members]
    return _barh(
        labels,
        [
            (_("Chủ trì"), [m.led for m in review.members], COLORS["main"]),
            (
                pgettext("các đơn vị", "Phối hợp"),
                [m.partnered for m in review.members],
                COLORS["light"],
            ),
        ],
        _("Hoạt động theo tổ chức thành viên") if titled else None,
        fmt,
    )


def chart_topics(review: Review, fmt: str = "svg", *, titled: bool = True) -> bytes:
    """Cases per topic: resolved, other endings, still open (only topics with cases)."""
    topics = [t for t in review.topics if t.received]
    return _barh(
        [t.name for t in topics],
        [
            (_("Đã giải quyết"), [t.resolved for t in topics], COLORS["main"]),
            (
                _("Kết thúc khác"),
                [t.referred + t.closed_unresolved for t in topics],
                COLORS["light"],
            ),
            (_("Đang xử lý"), [t.open for t in topics], COLORS["warn"]),
        ],
        _("Vụ việc theo lĩnh vực") if titled else None,
        fmt,
    )


@drawn_once
def chart_monthly(months: list[tuple[str, int]], fmt: str = "svg") -> bytes:
    """Activities per month: [("01/2020", 12), ...]."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 2.6))
        ax = fig.add_subplot()
        labels = [label for label, _n in months]
        ax.bar(range(len(months)), [n for _label, n in months], color=COLORS["main"])
        step = max(1, len(months) // 12)
        ax.set_xticks(list(range(0, len(months), step)), labels[::step], rotation=45, ha="right")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(_("Hoạt động theo tháng"), loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        return _save(fig, fmt)


def inline_svg(data: bytes) -> str:
    """The <svg> element of an SVG file, to place inside a page, without matplotlib's
    <style> element (the Content-Security-Policy refuses inline style elements; its one
    rule, round line joins, is in phoihop.css as `.review-chart svg *`)."""
    text = data.decode("utf-8")
    return _STYLE_ELEMENT.sub("", text[text.index("<svg") :])


# The review's charts in page order: name → (title, drawing from a Review). The review
# page serves them as images (reviews:chart), the dashboard adds its monthly trend.
REVIEW_CHARTS = {
    "areas": (gettext_lazy("Hoạt động theo nội dung phối hợp"), chart_areas),
    "members": (gettext_lazy("Hoạt động theo tổ chức thành viên"), chart_members),
    "topics": (gettext_lazy("Vụ việc theo lĩnh vực"), chart_topics),
}


def chart_names(review: Review) -> list[str]:
    """The review charts a page shows (topics only when there are cases)."""
    return [n for n in REVIEW_CHARTS if n != "topics" or any(t.received for t in review.topics)]


def monthly_svg(months: list[tuple[str, int]]) -> str:
    return inline_svg(chart_monthly(months))
