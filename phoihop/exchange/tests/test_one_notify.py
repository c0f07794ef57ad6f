"""exchange.notifications.notify() is the one place a Notification row is made, so every
app's notices pass the same visibility check."""

import re
from pathlib import Path

import phoihop

ROOT = Path(phoihop.__file__).parent
MAKING = re.compile(r"(?<!class )\bNotification\(|Notification\.objects\.(create|bulk_create|get_or_create)\b")


def test_no_module_but_notify_makes_a_notification_row():
    makers = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        and MAKING.search(path.read_text(encoding="utf-8"))
    }
    assert makers == {"exchange/notifications.py"}
