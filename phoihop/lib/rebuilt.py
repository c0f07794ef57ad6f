"""A value built from database tables, kept per process and rebuilt only when a cheap
signature query of those tables answers differently (the place index, the gazetteer)."""

import threading
from collections.abc import Callable

from django.db import connection


class Rebuilt:
    def __init__(self, build: Callable[[], object], signature_sql: Callable[[], str]):
        self._build = build
        self._signature_sql = signature_sql
        self._lock = threading.Lock()
        self._signature = self._value = None

    def current(self):
        """The value for the tables as they are now (one signature query; a rebuild only on change)."""
        with connection.cursor() as cursor:
            cursor.execute(self._signature_sql())
            signature = (connection.alias, *cursor.fetchone())
        with self._lock:
            if self._signature != signature:
                self._value = self._build()
                self._signature = signature
            return self._value

    def clear(self) -> None:
        with self._lock:
            self._signature = self._value = None
