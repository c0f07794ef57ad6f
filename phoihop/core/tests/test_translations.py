"""The English catalogue is complete and its compiled .mo matches the .po."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def _entries(po_text: str) -> dict[str, str]:
    """msgid → msgstr (msgstr[0] for plurals), from a .po file, header left out."""
    entries, key, current = {}, None, {}
    for line in po_text.splitlines() + [""]:
        if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgstr[1] ")):
            key, _, value = line.partition(" ")
            current[key] = current.get(key, "") + ast.literal_eval(value)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]", ""))
            key, current = None, {}
    return entries


def test_every_string_has_an_english_translation():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    missing = [msgid for msgid, msgstr in entries.items() if not msgstr]
    assert len(entries) > 1000
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr in entries.items() if catalogue.gettext(msgid) != msgstr]
    assert stale == [], "run: ./dev manage compilemessages -l en"
