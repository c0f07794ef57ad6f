"""The job worker for browser tests: django-tasks-db's own `Worker.run` loop, in a thread,
against the live server's database.

The test database is SQLite in memory, which only this process can see, so no
`manage.py db_worker` subprocess could; the thread shares the live server's connection, as
Django's LiveServerThread itself does. A shared SQLite connection has one transaction
state, so the threads take turns on it: a lock held by each request of the live server
and by the worker, which lets go while it sleeps between polls of the queue and each time
a job reports progress (so the page's polls are answered while the job runs). On
PostgreSQL the worker has its own connection and the lock only orders the turns.

`pause_at(stage)` stops the job at its first report of `stage` until `resume()`, so a
test can look at the page while the job is really half done.
"""

import threading
import time
from contextlib import contextmanager

from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.test import override_settings
from django_tasks_db.management.commands import db_worker

from phoihop.jobs import services

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class _Sleep:
    """`time` as db_worker sees it: its sleep lets the others have the database."""

    def __init__(self, live):
        self.live = live

    def __getattr__(self, name):
        return getattr(time, name)

    def sleep(self, seconds):
        with self.live.released():
            time.sleep(seconds)


class LiveWorker:
    def __init__(self, monkeypatch):
        self.lock = threading.RLock()
        self.shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
        self.worker = db_worker.Worker(
            queue_names=["default"], interval=0.05, batch=False, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id="browser-test", excluded_queue_names=[],
        )
        self.thread = threading.Thread(target=self._run, name="job-worker", daemon=True)
        self.pause_stage, self.paused, self.go_on = None, threading.Event(), threading.Event()
        self.error = None
        handle = WSGIHandler.__call__

        def locked_request(handler, environ, start_response):
            with self.lock:
                return handle(handler, environ, start_response)

        monkeypatch.setattr(WSGIHandler, "__call__", locked_request)
        monkeypatch.setattr(db_worker, "time", _Sleep(self))
        original_set = services._set

        def reporting_set(job, **values):
            original_set(job, **values)
            if threading.current_thread() is self.thread:
                with self.released():
                    if self.pause_stage and values.get("stage") == self.pause_stage and not self.paused.is_set():
                        self.paused.set()
                        self.go_on.wait(timeout=15)

        monkeypatch.setattr(services, "_set", reporting_set)

    @contextmanager
    def released(self):
        self.lock.release()
        try:
            yield
        finally:
            self.lock.acquire()

    def _run(self):
        for alias, connection in self.shared.items():
            connections[alias] = connection
        try:
            with self.lock:
                self.worker.run()
        except BaseException as error:  # noqa: BLE001 - reported by stop()
            self.error = error
        finally:
            connections.close_all()  # its own (PostgreSQL); a shared in-memory SQLite stays open

    def start(self):
        for connection in self.shared.values():
            connection.inc_thread_sharing()
        self.thread.start()

    def pause_at(self, stage: str):
        self.pause_stage = stage

    def resume(self):
        self.go_on.set()

    def stop(self):
        self.go_on.set()
        self.worker.running = False
        self.thread.join(timeout=30)
        for connection in self.shared.values():
            connection.dec_thread_sharing()
        assert not self.thread.is_alive(), "the worker did not stop"
        assert self.error is None, self.error


@contextmanager
def live_worker(monkeypatch):
    """The database queue for this test, and a worker (not started: `.start()` it)."""
    with override_settings(TASKS=DATABASE_QUEUE):
        worker = LiveWorker(monkeypatch)
        try:
            yield worker
        finally:
            if worker.thread.is_alive():
                worker.stop()
