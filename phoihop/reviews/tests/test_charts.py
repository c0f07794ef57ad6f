"""Charts are bytes, SVG for pages and PNG for documents; no database needed."""

import io

import pytest
from PIL import Image, ImageFont

from phoihop.reviews import charts
from phoihop.reviews.tests.test_data import _review


@pytest.mark.parametrize("chart", [charts.chart_areas, charts.chart_members, charts.chart_topics])
def test_each_review_chart_renders_svg_and_png(chart):
    review = _review()
    svg, png = chart(review, "svg"), chart(review, "png")
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert png.startswith(b"\x89PNG")


def test_the_monthly_chart_takes_plain_pairs_and_writes_vietnamese_text():
    svg = charts.chart_monthly([("01/2020", 3), ("02/2020", 0), ("03/2020", 7)], "svg")
    assert "Hoạt động theo tháng" in svg.decode()


def test_the_same_figures_give_the_same_svg():
    assert charts.chart_areas(_review(), "svg") == charts.chart_areas(_review(), "svg")


def test_inline_svg_drops_the_xml_prolog():
    assert charts.inline_svg(charts.chart_members(_review(), "svg")).startswith("<svg")


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        charts.chart_monthly([], "gif")


def test_long_labels_wrap_whole_instead_of_being_cut():
    review = _review()
    review.areas[0].name = "Nắm tình hình, trao đổi thông tin, phối hợp giải quyết vụ việc phức tạp"
    svg = charts.chart_areas(review, "svg").decode()
    assert "…" not in svg
    lines = charts.wrap_label(f"{review.areas[0].number}. {review.areas[0].name}").split("\n")
    assert len(lines) > 1 and all(line in svg for line in lines)


def test_a_document_chart_carries_no_title_since_its_caption_names_it():
    svg = charts.chart_areas(_review(), "svg", titled=False).decode()
    assert "Hoạt động theo nội dung phối hợp" not in svg
    assert "Hoạt động theo nội dung phối hợp" in charts.chart_areas(_review(), "svg").decode()


def test_a_chart_is_drawn_once_per_set_of_figures(monkeypatch):
    from django.core.cache import cache

    cache.clear()
    drawn = []
    real_svg, real_png = charts._save, charts._barh_png
    monkeypatch.setattr(charts, "_save", lambda fig, fmt: drawn.append(fmt) or real_svg(fig, fmt))
    monkeypatch.setattr(charts, "_barh_png", lambda *a: drawn.append("png") or real_png(*a))
    review = _review()
    first = charts.chart_areas(review)
    assert charts.chart_areas(review) == first and drawn == ["svg"]
    charts.chart_areas(review, "png")
    assert drawn == ["svg", "png"]  # another format is another drawing
    review.areas[0].activities += 1
    assert charts.chart_areas(review) != first and len(drawn) == 3  # a changed figure draws afresh


def test_a_document_bar_chart_is_drawn_without_matplotlib(monkeypatch):
    def no_matplotlib(*args, **kwargs):
        raise AssertionError("a PNG bar chart built a matplotlib Figure")

    monkeypatch.setattr(charts, "Figure", no_matplotlib)
    for chart in (charts.chart_areas, charts.chart_members, charts.chart_topics):
        png = chart(_review(), "png", titled=False)
        assert Image.open(io.BytesIO(png)).info["dpi"] == pytest.approx((150, 150), abs=0.1)


def test_a_document_chart_is_wide_enough_for_its_longest_label_line():
    review = _review()
    review.areas[0].name = "Nắm tình hình, trao đổi thông tin, phối hợp giải quyết vụ việc phức tạp"
    image = Image.open(io.BytesIO(charts.chart_areas(review, "png", titled=False)))
    font = ImageFont.truetype(charts.FONT_FILE, round(charts.RC["font.size"] * 150 / 72))
    lines = charts.wrap_label(f"{review.areas[0].number}. {review.areas[0].name}").split("\n")
    assert len(lines) > 1
    assert image.width > max(font.getlength(line) for line in lines) + 8 * font.size
