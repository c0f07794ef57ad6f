"""The charts a review document carries, as PNG bytes with their captions.

The drawing lives in phoihop.reviews.charts (shared with the review pages); this module
only picks the charts that fit a printed appendix and captions them.
"""

from django.utils.translation import gettext as _

from phoihop.reviews import charts
from phoihop.reviews.data import Review


def document_charts(review: Review) -> list[tuple[str, bytes]]:
    """(caption, PNG) for every chart that has something to show; the caption is the
    chart's only title (the drawing carries none, so it is not said twice)."""
    out = []
    if review.coordination.activities:
        out.append((_("Hoạt động theo nội dung phối hợp"), charts.chart_areas(review, "png", titled=False)))
    if review.members:
        out.append((_("Hoạt động chủ trì và phối hợp của các tổ chức thành viên"), charts.chart_members(review, "png", titled=False)))
    if any(topic.received for topic in review.topics):
        out.append((_("Vụ việc theo lĩnh vực và kết quả giải quyết"), charts.chart_topics(review, "png", titled=False)))
    return out
