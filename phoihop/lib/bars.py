"""Stacked horizontal bar charts drawn straight onto a Pillow image, as PNG bytes.

For documents (the review's Word appendix): a few labelled bars need no plotting
library's layout engine, and matplotlib takes ~100 ms a chart (a tight bounding box
means drawing it twice) where this takes a few. Labels arrive already wrapped ("\\n"
between lines) and are drawn whole: the label column is as wide as its longest line.
Framework-free: the caller names the font file (one that carries every Vietnamese letter).
"""

import functools
import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from phoihop.lib.vnformat import number

DPI = 150  # the Word document places a picture at its own size at this resolution
INK, AXIS, BACKGROUND = "#222222", "#444444", "#ffffff"
PALETTE = 64  # colours kept in the PNG


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]
    color: str  # "#rrggbb"


@functools.cache
def _font(path: str, points: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, round(points * DPI / 72))


def nice_ticks(top: float, most: int = 7) -> list[int]:
    """Whole-number ticks from 0 covering `top` (steps of 1, 2, 2.5, 5 × 10ⁿ, whole)."""
    if top <= 0:
        return [0, 1]
    for power in range(max(0, int(math.log10(top)) - 1), 20):
        for base in (1, 2, 2.5, 5):
            step = base * 10**power
            if step == int(step) and math.ceil(top / step) <= most - 1:
                return [int(step * i) for i in range(math.ceil(top / step) + 1)]
    return [0, math.ceil(top)]


def barh_png(
    labels: list[str],
    series: list[Series],
    *,
    font_path: str,
    title: str | None = None,
    width_in: float = 6.0,
    points: float = 9,
) -> bytes:
    """One row per label (top to bottom), one stacked segment per series; a legend below
    when there is more than one series."""
    font = _font(font_path, points)
    plan = _Plan(labels, series, font, int(width_in * DPI), title)
    image = Image.new("RGB", (plan.width, plan.height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((plan.pad, plan.pad), title, fill=INK, font=font)
    _bars(draw, plan, labels, series, font)
    _axis(draw, plan, font)
    if len(series) > 1:
        _legend(draw, plan, series, font)
    out = io.BytesIO()  # a few flat colours and the text's antialiasing: a palette holds them,
    # and a palette image compresses in milliseconds where full colour takes tens
    image.quantize(PALETTE, method=Image.Quantize.FASTOCTREE).save(
        out, format="PNG", dpi=(DPI, DPI), compress_level=1
    )
    return out.getvalue()


class _Plan:
    """Where everything goes, in pixels."""

    def __init__(self, labels, series, font, width, title):
        self.line = round(font.size * 1.25)
        self.pad = round(font.size * 0.8)
        lines = [line for label in labels for line in label.split("\n")] or [""]
        self.label_width = max(font.getlength(line) for line in lines)
        self.left = round(self.pad + self.label_width + font.size * 0.6)
        totals = [sum(values) for values in zip(*(s.values for s in series), strict=True)]
        self.ticks = nice_ticks(max(totals, default=0))
        last_tick = font.getlength(number(self.ticks[-1]))
        self.width = max(width, self.left + 8 * self.line + round(last_tick))
        self.right = self.width - self.pad - round(last_tick / 2)
        self.top = self.pad + (self.line * 2 if title else round(self.line / 2))
        self.rows = [max(1, label.count("\n") + 1) * self.line + self.line for label in labels]
        self.bottom = self.top + sum(self.rows)
        legend = self.line * 2 if len(series) > 1 else 0
        self.height = self.bottom + round(self.line * 2.2) + legend + self.pad

    def x(self, value: float) -> float:
        return self.left + (self.right - self.left) * value / self.ticks[-1]


def _bars(draw, plan: _Plan, labels, series, font) -> None:
    y = plan.top
    for row, (label, height) in enumerate(zip(labels, plan.rows, strict=True)):
        middle = y + height / 2
        bar = max(plan.line * 0.9, height - plan.line * 0.9) / 2
        start = 0.0
        for one in series:
            value = one.values[row] or 0
            if value:
                box = (plan.x(start), middle - bar, plan.x(start + value), middle + bar)
                draw.rectangle(box, fill=one.color)
            start += value
        draw.multiline_text(
            (plan.left - font.size * 0.6, middle),
            label,
            fill=INK,
            font=font,
            anchor="rm",
            align="right",
            spacing=plan.line - font.size,
        )
        y += height


def _axis(draw, plan: _Plan, font) -> None:
    draw.line((plan.left, plan.top - plan.line / 2, plan.left, plan.bottom), fill=AXIS, width=2)
    draw.line((plan.left, plan.bottom, plan.right, plan.bottom), fill=AXIS, width=2)
    tick = round(font.size * 0.3)
    for value in plan.ticks:
        x = plan.x(value)
        draw.line((x, plan.bottom, x, plan.bottom + tick), fill=AXIS, width=2)
        draw.text((x, plan.bottom + tick * 2), number(value), fill=INK, font=font, anchor="mt")


def _legend(draw, plan: _Plan, series, font) -> None:
    box, gap = round(font.size * 0.9), round(font.size * 1.5)
    widths = [box + font.size * 0.5 + font.getlength(s.name) for s in series]
    x = (plan.left + plan.right) / 2 - (sum(widths) + gap * (len(series) - 1)) / 2
    y = plan.bottom + plan.line * 2.6
    for one, width in zip(series, widths, strict=True):
        draw.rectangle((x, y - box / 2, x + box, y + box / 2), fill=one.color)
        draw.text((x + box + font.size * 0.5, y), one.name, fill=INK, font=font, anchor="lm")
        x += width + gap
