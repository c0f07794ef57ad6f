"""The review screen's view of an extraction: the text with nested <mark> highlights, and
the rows a person ticks and corrects. Plain functions over the stored JSON."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from phoihop.localities.models import Level

KIND_LABELS = {
    "locality": _("Địa bàn"), "organization": _("Tổ chức"), "person": _("Người"), "position": _("Chức vụ"),
    "date": _("Thời gian"), "figure": _("Số liệu"), "topic": _("Lĩnh vực"),
}


def highlighted(text: str, spans: list[dict]) -> SafeString:
    """The text with one <mark> per span; spans nest (a place inside an organization's
    name); one that only partly overlaps another is listed beside the text, not marked."""
    roots = _tree(spans)
    return mark_safe(_render(text, 0, len(text), roots).replace("\n", "<br>"))


def _tree(spans: list[dict]) -> list[dict]:
    ordered = sorted(enumerate(spans), key=lambda pair: (pair[1]["start"], -pair[1]["end"]))
    roots: list[dict] = []
    stack: list[dict] = []
    for index, span in ordered:
        node = {"span": span, "index": index, "children": []}
        while stack and stack[-1]["span"]["end"] <= span["start"]:
            stack.pop()
        if stack and span["end"] > stack[-1]["span"]["end"]:
            continue  # partial overlap: not marked
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def _render(text: str, start: int, end: int, nodes: list[dict]) -> str:
    parts, at = [], start
    for node in nodes:
        span = node["span"]
        parts.append(escape(text[at:span["start"]]))
        inner = _render(text, span["start"], span["end"], node["children"])
        parts.append(format_html(
            '<mark class="intake-{}" data-span="{}" title="{}">', span["kind"], node["index"],
            f"{KIND_LABELS.get(span['kind'], span['kind'])}: {span['explanation']}",  # escaped by format_html
        ) + inner + "</mark>")
        at = span["end"]
    parts.append(escape(text[at:end]))
    return "".join(parts)


def locality_rows(extraction: dict) -> list[dict]:
    """Communes a report can be made for: matched ones, and ambiguous ones with their
    commune candidates (radio buttons)."""
    rows = []
    for i, row in enumerate(extraction.get("localities", [])):
        if row.get("status") == "matched" and row.get("level") == Level.COMMUNE:
            rows.append({"index": i, "row": row, "choices": []})
        elif row.get("status") == "ambiguous":
            choices = [c for c in row.get("candidates", []) if c.get("level") == Level.COMMUNE]
            if choices:
                rows.append({"index": i, "row": row, "choices": choices})
    return rows

