"""Bar charts drawn with Pillow: whole labels, whole-number ticks, a PNG Word places at 150 dpi."""

import io
from pathlib import Path

import matplotlib
from PIL import Image

from phoihop.lib import bars


def _font_file():
    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def test_ticks_are_whole_numbers_from_zero_past_the_top():
    assert bars.nice_ticks(97) == [0, 20, 40, 60, 80, 100]
    assert bars.nice_ticks(3) == [0, 1, 2, 3]
    assert bars.nice_ticks(0) == [0, 1]
    ticks = bars.nice_ticks(21_994)
    assert ticks[0] == 0 and ticks[-1] >= 21_994 and len(ticks) <= 7
    assert all(isinstance(t, int) for t in ticks)


def test_a_chart_is_a_png_at_150_dpi_with_a_row_per_label():
    one = bars.barh_png(["Một"], [bars.Series("a", [3], "#1f5f99")], font_path=_font_file())
    three = bars.barh_png(
        ["Một", "Hai\ndòng", "Ba"],
        [bars.Series("a", [3, 0, 5], "#1f5f99"), bars.Series("b", [1, 2, 0], "#9ec3e6")],
        font_path=_font_file(),
    )
    small, tall = Image.open(io.BytesIO(one)), Image.open(io.BytesIO(three))
    assert small.format == "PNG" and round(small.info["dpi"][0]) == 150
    assert tall.height > small.height


def test_a_long_label_widens_the_label_column_instead_of_being_cut():
    short = Image.open(
        io.BytesIO(bars.barh_png(["A"], [bars.Series("a", [1], "#000000")], font_path=_font_file()))
    )
    label = "Nắm tình hình, trao đổi thông tin, phối hợp giải quyết vụ việc phức tạp ở cơ sở"
    wide = Image.open(
        io.BytesIO(
            bars.barh_png([label], [bars.Series("a", [1], "#000000")], font_path=_font_file())
        )
    )
    assert wide.width > short.width
