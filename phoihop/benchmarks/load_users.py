"""The users of `./dev bench load`: locust, used as a library, in a process of its own.

    python -m phoihop.benchmarks.load_users --host http://127.0.0.1:PORT --users 50 \
        --seconds 60 --logins thuongtruc,bochqs --password … --out var/load-stats.json

A process of its own because importing locust monkey-patches the standard library with
gevent, which must not happen inside Django's management command (or pytest). No Django
here: the users speak HTTP only, as browsers do. Each account logs in once, before the
clock starts (a password hash costs ~0.3 s of the server's CPU: 50 logins would be the
first 10 s of the run); every virtual user of that account then carries its cookies, as
the tabs of one signed-in person do.

The mix, one request per task, weighted like a working day of a provincial committee:
the home page, the activity list and an activity, the form of a new activity and its
submission (POST with the CSRF token, through the real form), the case list and a case,
the dashboard, a review page and the hotspot map with its data. A response counts as an
error when it is not 200 (after redirects), or when it lands on the login page.

Then, with --alone N, the same scenarios are requested N times each by one user, one at
a time: the baseline the times under load are read against.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

import gevent  # noqa: E402
import requests  # noqa: E402
from locust import FastHttpUser, between, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

LOGIN = "/tai-khoan/dang-nhap/"
HOME = "/"
ACTIVITIES = "/hoat-dong/"
ACTIVITY_NEW = "/hoat-dong/them/"
CASES = "/tinh-hinh/"
DASHBOARD = "/so-ket-tong-ket/tong-quan-so-lieu/"
REVIEWS = "/so-ket-tong-ket/"
MAP = "/tinh-hinh/ban-do/"
ACTIVITY_LINK = re.compile(r'href="/hoat-dong/(\d+)/"')
CASE_LINK = re.compile(r'href="/tinh-hinh/vu-viec/(\d+)/"')
REVIEW_LINK = re.compile(r'href="/so-ket-tong-ket/(\d+)/"')
PROGRAM_CHOICE = re.compile(r'href="/hoat-dong/them/\?chuong-trinh=(\d+)"')

# Scenario name -> weight in the mix (the order of the printed table).
MIX = {
    "home": 4,
    "activity list": 4,
    "activity detail": 4,
    "activity form": 1,
    "activity submit": 1,
    "case list": 3,
    "case detail": 3,
    "dashboard": 2,
    "review page": 1,
    "map data": 2,
}


class FormReader(HTMLParser):
    """The fields of each <form method="post">, as a browser sends them untouched: hidden
    inputs and texts with their values, each select's selected (or first non-empty)
    option, checked boxes; the task fills the rest."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.fields: dict[str, str] | None = None
        self._select: str | None = None
        self._first: str | None = None
        self._selected: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.fields = {}
            self.forms.append(self.fields)
        if self.fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file"}:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select, self._first, self._selected = name, None, None
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if value and self._first is None:
                self._first = value
            if "selected" in attrs:
                self._selected = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self.fields is not None:
            self.fields[self._select] = self._selected or self._first or ""
            self._select = None
        elif tag == "form":
            self.fields = None


def read_form(html: str, field: str) -> dict[str, str] | None:
    """The first POST form of the page with a field named `field` (the header's language
    switch is a POST form too)."""
    reader = FormReader()
    reader.feed(html)
    return next((form for form in reader.forms if field in form), None)


def login(host: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(host + LOGIN, timeout=60)
    fields = read_form(page.text, "username") or {}
    fields.update(username=username, password=password)
    done = session.post(host + LOGIN, data=fields, headers={"Referer": host + LOGIN}, timeout=60)
    if LOGIN in done.url or "sessionid" not in session.cookies:
        raise SystemExit(f"load: {username} could not sign in ({done.status_code} {done.url})")
    return session


class Seen:
    """Ids an account found on its list pages, shared by its users (the first visit fills
    them): a focal point sees other activities than the secretariat."""

    def __init__(self):
        self.activities: list[str] = []
        self.cases: list[str] = []
        self.reviews: list[str] = []
        self.program: str | None = None


SEEN: dict[str, Seen] = {}


def ok(response, name: str) -> bool:
    """Mark the response a failure unless it is a 200 off the login page."""
    if response.status_code != 200:
        response.failure(f"{name}: HTTP {response.status_code}")
        return False
    if LOGIN in (response.url or ""):
        response.failure(f"{name}: sent to the login page")
        return False
    response.success()
    return True


class Staff(FastHttpUser):
    """A signed-in member of the committee working through the mix."""

    wait_time = between(0.5, 1.5)  # reading time between clicks
    accounts: itertools.cycle = itertools.cycle([])
    cookies: dict[str, requests.cookies.RequestsCookieJar] = {}

    def on_start(self):
        self.username = next(self.accounts)
        self.seen = SEEN.setdefault(self.username, Seen())
        for cookie in self.cookies[self.username]:
            self.client.cookiejar.set_cookie(cookie)
        # The account's first user looks at the lists, so the detail tasks have ids.
        if not self.seen.activities:
            self.get("activity list", ACTIVITIES, self.seen.activities, ACTIVITY_LINK)
        if not self.seen.cases:
            self.get("case list", CASES, self.seen.cases, CASE_LINK)
        if not self.seen.reviews:
            self.get("review list", REVIEWS, self.seen.reviews, REVIEW_LINK)

    def get(self, name, path, seen=None, pattern=None):
        with self.client.get(path, name=name, catch_response=True) as response:
            if ok(response, name) and seen is not None and not seen:
                seen.extend(dict.fromkeys(pattern.findall(response.text)))
            return response

    @task(MIX["home"])
    def home(self):
        self.get("home", HOME)

    @task(MIX["activity list"])
    def activity_list(self):
        self.get("activity list", ACTIVITIES, self.seen.activities, ACTIVITY_LINK)

    @task(MIX["activity detail"])
    def activity_detail(self):
        if self.seen.activities:
            self.get("activity detail", f"{ACTIVITIES}{random.choice(self.seen.activities)}/")

    @task(MIX["case list"])
    def case_list(self):
        self.get("case list", CASES, self.seen.cases, CASE_LINK)

    @task(MIX["case detail"])
    def case_detail(self):
        if self.seen.cases:
            self.get("case detail", f"{CASES}vu-viec/{random.choice(self.seen.cases)}/")

    @task(MIX["dashboard"])
    def dashboard(self):
        self.get("dashboard", DASHBOARD)

    @task(MIX["review page"])
    def review_page(self):
        if self.seen.reviews:
            self.get("review page", f"{REVIEWS}{random.choice(self.seen.reviews)}/")

    @task(MIX["map data"])
    def map_data(self):
        self.get("map data", MAP)

    @task(MIX["activity submit"])
    def activity_submit(self):
        path = new_activity_path(self.seen)
        form = self.get("activity form", path)
        if form.status_code != 200 or choose_program(self.seen, form.text):
            return
        fields = submission(form.text)
        if fields is None:
            return
        with self.client.post(path, data=fields, name="activity submit", catch_response=True,
                              headers={"Referer": self.host + path}) as response:
            if ok(response, "activity submit") and ACTIVITY_NEW in (response.url or ""):
                response.failure("activity submit: the form came back refused")


def new_activity_path(seen: Seen) -> str:
    return ACTIVITY_NEW + (f"?chuong-trinh={seen.program}" if seen.program else "")


def choose_program(seen: Seen, html: str) -> bool:
    """The page asks which program (the account reports in several): pick the latest, as
    a person would, and say so (the next visit opens its form)."""
    if seen.program is None:
        chosen = PROGRAM_CHOICE.findall(html)
        if chosen:
            seen.program = chosen[-1]
            return True
    return False


def submission(html: str) -> dict | None:
    """The new activity's form as a focal point fills it: a title, a day, a result."""
    fields = read_form(html, "title")
    if fields is None:
        return None
    day = f"{random.randint(1, 28):02d}/{random.randint(1, 12):02d}/{PERIOD[0]}"
    fields.update(
        title=f"Tuyên truyền pháp luật cho đoàn viên, hội viên (tải thử {random.randint(1, 10**6)})",
        start_date=day, end_date=day, narrative="Tổ chức 2 buổi tuyên truyền, 120 lượt người.",
        gui="",  # the button "Lưu và gửi Thường trực": saved and sent for confirmation
    )
    return fields


PERIOD: list[int] = [2024]


def percentiles(entry) -> dict:
    return {
        "p50_ms": entry.get_response_time_percentile(0.50) if entry.num_requests else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
        "p99_ms": entry.get_response_time_percentile(0.99) if entry.num_requests else None,
        "requests": entry.num_requests,
        "errors": entry.num_failures,
    }


def under_load(host: str, users: int, seconds: float, spawn_rate: float) -> dict:
    env = Environment(user_classes=[Staff], host=host, events=events)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=spawn_rate)
    spawn = users / spawn_rate
    gevent.sleep(spawn)
    env.stats.reset_all()  # the ramp (and each user's first look at the lists) is not counted
    started = time.perf_counter()
    gevent.sleep(seconds)
    elapsed = time.perf_counter() - started
    runner.quit()
    runner.greenlet.join(timeout=30)
    failures = [
        {"name": f.name, "error": str(f.error), "count": f.occurrences}
        for f in env.stats.errors.values()
    ]
    scenarios = {}
    for name in [*MIX, "review list"]:
        entry = env.stats.entries.get((name, "POST" if name == "activity submit" else "GET"))
        scenarios[name] = percentiles(entry) if entry is not None else {
            "p50_ms": None, "p95_ms": None, "p99_ms": None, "requests": 0, "errors": 0}
    total = env.stats.total
    return {
        "scenarios": scenarios,
        "total": percentiles(total) | {"per_second": round(total.num_requests / elapsed, 1)},
        "failures": failures[:20],
        "measured_seconds": round(elapsed, 1),
    }


def alone(host: str, session: requests.Session, seen: Seen, repeats: int) -> tuple[dict, list]:
    """Each scenario `repeats` times by one user, one request at a time: medians in ms,
    and what did not answer 200 (so a smoke run exercises every scenario at least once)."""
    for path, ids, pattern in ((ACTIVITIES, seen.activities, ACTIVITY_LINK), (CASES, seen.cases, CASE_LINK),
                               (REVIEWS, seen.reviews, REVIEW_LINK)):
        if not ids:  # the account had no user in the crowd (a smoke run)
            ids.extend(dict.fromkeys(pattern.findall(session.get(host + path, timeout=120).text)))
    pages = {"home": HOME, "activity list": ACTIVITIES, "case list": CASES,
             "dashboard": DASHBOARD, "map data": MAP, "review list": REVIEWS}
    if seen.activities:
        pages["activity detail"] = f"{ACTIVITIES}{seen.activities[0]}/"
    if seen.cases:
        pages["case detail"] = f"{CASES}vu-viec/{seen.cases[0]}/"
    if seen.reviews:
        pages["review page"] = f"{REVIEWS}{seen.reviews[0]}/"
    form = session.get(host + new_activity_path(seen), timeout=120)
    if choose_program(seen, form.text):
        form = session.get(host + new_activity_path(seen), timeout=120)
    pages["activity form"] = new_activity_path(seen)
    medians, errors = {}, []

    def timed(name, method, url, **options):
        started = time.perf_counter()
        response = session.request(method, url, timeout=120, **options)
        if response.status_code != 200 or LOGIN in response.url:
            errors.append(f"{name}: HTTP {response.status_code} {response.url}")
        return (time.perf_counter() - started) * 1000, response

    for name, path in pages.items():
        times = [timed(name, "GET", host + path)[0] for _ in range(repeats + 1)]
        medians[name] = round(statistics.median(times[1:] or times), 1)  # the first warms caches
    times = []
    for _ in range(max(repeats, 1)):
        fields = submission(session.get(host + new_activity_path(seen), timeout=120).text)
        if fields is None:
            errors.append("activity submit: no form")
            break
        path = host + new_activity_path(seen)
        took, response = timed("activity submit", "POST", path, data=fields, headers={"Referer": path})
        if ACTIVITY_NEW in response.url:
            errors.append("activity submit: the form came back refused")
        times.append(took)
    if times:
        medians["activity submit"] = round(statistics.median(times), 1)
    return medians, errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="load_users")
    parser.add_argument("--host", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--logins", required=True, help="comma-separated usernames")
    parser.add_argument("--password", required=True)
    parser.add_argument("--year", type=int, default=2024, help="the year of submitted activities")
    parser.add_argument("--alone", type=int, default=10, help="requests per scenario, one user alone")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    PERIOD[:] = [args.year]
    usernames = args.logins.split(",")
    sessions = {name: login(args.host, name, args.password) for name in usernames}
    Staff.cookies = {name: list(s.cookies) for name, s in sessions.items()}
    Staff.accounts = itertools.cycle(usernames)
    result = under_load(args.host, args.users, args.seconds, args.spawn_rate)
    result["alone_ms"], result["alone_errors"] = alone(
        args.host, sessions[usernames[0]], SEEN.setdefault(usernames[0], Seen()), args.alone)
    result |= {"users": args.users, "seconds": args.seconds, "logins": usernames}
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
