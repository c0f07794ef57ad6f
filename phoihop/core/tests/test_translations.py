"""The English catalogue is complete and current, and its compiled .mo matches the .po.

"Complete" means what `makemessages` would say today: the strings the code uses are
extracted afresh into a copy of the catalogue, and none may come out new (empty) or
fuzzy-matched to an old translation, the way "Báo cáo chưa có số, ký hiệu." once showed
the English of "Chưa có số liệu."."""

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from phoihop.conftest import strict_mode

SOURCE = Path(__file__).resolve().parents[2]
LOCALE = SOURCE / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|\{\w*\}")


def _entries(po_text: str) -> dict[str, dict]:
    """msgid → {"msgstr": ..., "msgstr[1]": ..., "flags": {...}}, header and obsolete entries left out."""
    entries, key, current = {}, None, {}
    for line in po_text.splitlines() + [""]:
        if line.startswith("#,"):
            current["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgstr[1] ")):
            key, _, value = line.partition(" ")
            key = "msgstr" if key == "msgstr[0]" else key
            current[key] = current.get(key, "") + ast.literal_eval(value)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            if current.get("msgid"):
                entries[current["msgid"]] = {"flags": set(), **current}
            key, current = None, {}
    return entries


def _unfinished(entries: dict[str, dict]) -> dict[str, list[str]]:
    return {
        "empty": [
            m
            for m, e in entries.items()
            if not e.get("msgstr") or ("msgid_plural" in e and not e.get("msgstr[1]"))
        ],
        "fuzzy": [m for m, e in entries.items() if "fuzzy" in e["flags"]],
    }


def test_every_string_has_an_english_translation():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 1000
    assert _unfinished(entries) == {"empty": [], "fuzzy": []}


def test_translations_keep_the_placeholders():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    changed = [
        msgid
        for msgid, entry in entries.items()
        for original, english in (
            (msgid, entry["msgstr"]),
            (entry.get("msgid_plural"), entry.get("msgstr[1]")),
        )
        if original is not None
        and sorted(PLACEHOLDER.findall(original)) != sorted(PLACEHOLDER.findall(english or ""))
    ]
    assert changed == []


def test_every_string_the_code_uses_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """makemessages, run on a copy of the sources and of the catalogue, leaves nothing to translate.

    A copy, because makemessages writes each template's extraction file beside the template
    and the SQLite and PostgreSQL suites run side by side."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        if strict_mode():
            pytest.fail("GNU gettext (xgettext, msgmerge) is needed: apt-get install -y gettext")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / "phoihop"
    shutil.copytree(
        SOURCE,
        copy,
        ignore=lambda folder, names: [
            n
            for n in names
            if n in {"tests", "locale", "locale_vendor", "__pycache__", "static", "media"}
            or (Path(folder, n).is_file() and not n.endswith((".py", ".html", ".txt")))
        ],
    )
    (copy / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(LOCALE / "django.po", copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], ignore_patterns=["*/tests/*"], verbosity=0)

    fresh = _entries(
        (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    )
    assert len(fresh) > 1000
    assert _unfinished(fresh) == {"empty": [], "fuzzy": []}, (
        "translate them: cd phoihop && ../.venv/bin/python ../manage.py makemessages -l en --ignore '*/tests/*'"
    )


def test_compiled_catalogue_matches_the_po_file():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, entry in entries.items()
        if "msgid_plural" not in entry and catalogue.gettext(msgid) != entry["msgstr"]
    ]
    stale += [
        msgid
        for msgid, entry in entries.items()
        if "msgid_plural" in entry
        and (
            catalogue.ngettext(msgid, entry["msgid_plural"], 1),
            catalogue.ngettext(msgid, entry["msgid_plural"], 2),
        )
        != (entry["msgstr"], entry["msgstr[1]"])
    ]
    assert stale == [], "run: ./dev manage compilemessages -l en"
