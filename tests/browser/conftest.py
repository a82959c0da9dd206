"""Browser tier: Playwright (sync API) driving /usr/bin/chromium against the harness's live server.

Fixtures: everything from tests/harness.py (frappe_site, live_server, committed, per-test rollback), plus
``browser`` (session, headless chromium), ``page`` (a fresh context per test, base_url = live server) and
``phone_page`` (a fresh context as an iPhone-size phone, 390x844), ``made`` (commits what a test made with the
factories and deletes it afterwards), ``screenshot`` / ``login`` (the helpers of tests/harness.py).
Screenshots go to .test-results/screenshots/; a failing test gets one automatically.
Data a browser test needs must be committed (the server is another process): use ``committed``.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

# tests/ (harness.py) and this directory (helper modules such as factory.py) are importable by name
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

import harness

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]

_reason = harness.bench_missing_reason()
if not _reason and not Path(CHROMIUM).exists():
	_reason = f"no {CHROMIUM}"
if not _reason and importlib.util.find_spec("playwright") is None:
	_reason = "python module playwright is not installed"
if _reason:
	# skip the whole tier: each test module is reported as one skipped test, without being imported

	def pytest_pycollect_makemodule(module_path, parent):
		return harness.skipped_module(parent, module_path, _reason)

else:
	# the harness fixtures, made visible to this directory
	committed = harness.committed
	frappe_rollback = harness.frappe_rollback
	frappe_site = harness.frappe_site
	live_server = harness.live_server
from harness import login, screenshot


@pytest.fixture(scope="session")
def playwright(live_server):
	from playwright.sync_api import sync_playwright

	with sync_playwright() as pw:
		yield pw


@pytest.fixture(scope="session")
def browser(playwright):
	browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
	yield browser
	browser.close()


# An iPhone-size phone: Playwright's "iPhone 13" descriptor (mobile user agent, touch, is_mobile) with the
# phone's whole screen, 390x844, as the viewport
PHONE_DEVICE = "iPhone 13"
PHONE_VIEWPORT = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser, playwright, live_server, request):
	"""A page in a fresh phone context (see PHONE_DEVICE), Chinese locale; screenshot on failure."""
	device = {k: v for k, v in playwright.devices[PHONE_DEVICE].items() if k != "default_browser_type"}
	context = browser.new_context(
		**{**device, "viewport": PHONE_VIEWPORT}, base_url=live_server, locale="zh-CN"
	)
	context.set_default_timeout(30_000)
	page = context.new_page()
	yield page
	report = getattr(request.node, "rep_call", None)
	if report is not None and report.failed:
		screenshot(page, f"FAILED-{request.node.name}")
	context.close()


@pytest.fixture
def page(browser, live_server, request):
	context = browser.new_context(
		base_url=live_server, viewport={"width": 1366, "height": 900}, locale="en-US"
	)
	context.set_default_timeout(30_000)
	page = context.new_page()
	yield page
	report = getattr(request.node, "rep_call", None)
	if report is not None and report.failed:
		screenshot(page, f"FAILED-{request.node.name}")
	context.close()


# documents the factories make (through the users' paths), removed after each test
MADE = (
	"Consultation Outcome",
	"Consultation Meeting",
	"Consultation Research",
	"Consultation Topic",
	"Consultation Plan",
	"Consultation Participant",
	"Consultation Handling Unit",
)


@pytest.fixture
def made(personas):
	"""Commits what the test makes with the factories (the live server is another process) and deletes
	every document of MADE that was not there before the test (and commits) afterwards."""
	import frappe

	before = {dt: set(frappe.get_all(dt, pluck="name")) for dt in MADE}

	def commit():
		frappe.set_user("Administrator")
		frappe.db.commit()

	yield commit
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for dt in MADE:
		for name in set(frappe.get_all(dt, pluck="name")) - before[dt]:
			if frappe.db.get_value(dt, name, "docstatus") == 1:
				frappe.db.set_value(dt, name, "docstatus", 2, update_modified=False)
			frappe.delete_doc(dt, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


@pytest.fixture(name="login")
def login_fixture():
	"""The login(page, user, password) helper as a fixture."""
	return login


@pytest.fixture(name="screenshot")
def screenshot_fixture():
	"""The screenshot(page, name) helper as a fixture."""
	return screenshot


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	rep = outcome.get_result()
	setattr(item, f"rep_{rep.when}", rep)
