"""Content-Security-Policy: every response carries it, and no template needs inline script."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from phoihop.reviews.charts import chart_monthly, inline_svg

ROOT = Path(__file__).resolve().parents[2]  # the phoihop package
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
SCRIPT_WITHOUT_SRC = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_a_page_carries_a_policy_without_inline_script(client_for, cast):
    policy = _policy(client_for(cast.secretariat).get(reverse("home:home")))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_the_login_page_and_the_api_carry_it_too(client, client_for, cast):
    assert "script-src 'self'" in client.get(reverse("accounts:login"))["Content-Security-Policy"]
    api = client_for(cast.viewer).get("/api/programs/")
    assert "script-src 'self'" in api["Content-Security-Policy"]


def test_templates_are_found():
    assert len(TEMPLATES) > 50
    assert any(p.name == "base.html" for p in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_holds_inline_script_or_event_handlers(template):
    text = template.read_text(encoding="utf-8")
    assert not SCRIPT_WITHOUT_SRC.search(text), "inline <script> (move it to a static file)"
    assert not EVENT_HANDLER.search(text), "on*= handler (bind it in a static file)"
    assert not JAVASCRIPT_URL.search(text), "javascript: URL"
    assert "<style" not in text, "inline <style> (move it to a stylesheet)"


def test_the_checks_catch_what_they_look_for():
    assert SCRIPT_WITHOUT_SRC.search("<script>alert(1)</script>")
    assert not SCRIPT_WITHOUT_SRC.search('<script src="/static/a.js"></script>')
    assert EVENT_HANDLER.search('<button type="button"\n onclick="go()">')
    assert not EVENT_HANDLER.search('<div data-ac-on-input="1" data-ac-on="x">')


def test_inlined_charts_carry_no_style_element():
    svg = inline_svg(chart_monthly([("T1", 3), ("T2", 5)]))
    assert svg.startswith("<svg")
    assert "<style" not in svg
