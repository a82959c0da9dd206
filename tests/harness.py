"""Shared Frappe harness of the integration and browser tiers.

Used by tests/integration/conftest.py and tests/browser/conftest.py (which import its fixtures); unit and
contract tests never import it. Frappe is imported lazily, inside the fixtures, so importing this module
is cheap and works without a bench.

What it does, once per pytest session (fixture ``frappe_site``):

1. finds the bench: $FRAPPE_BENCH (default /home/frappe/frappe-bench) with env/bin/python, apps/frappe,
   sites/; without one the conftests skip the whole tier;
2. installs the CURRENT checkout into the bench: <bench>/apps/consult_app -> symlink to this checkout (a real
   directory there is left alone, with a warning), consult_app in sites/apps.txt, the bench env imports
   consult_app from the checkout (pip install -e --no-deps when it does not already);
3. test site $TEST_SITE (default consult-test.localhost): reused if sites/<site>/site_config.json exists
   and works (unless TEST_FRESH_SITE=1: dropped and made anew, to test a fresh install), else created
   with `frappe new-site` as a MariaDB admin user ($DB_ROOT_USER/$DB_ROOT_PASSWORD, or 'consult_ci' created here through `mysql -uroot -h127.0.0.1`); allow_tests is set;
4. `install-app consult_app` if the app is not on the site yet, else `migrate`; then the setup wizard is
   completed once (English, China, Asia/Shanghai, CNY) so that /app opens the desk;
5. in-process: frappe.init(site, sites_path=<bench>/sites) + frappe.connect(), frappe.flags.in_test,
   user Administrator; frappe.destroy() at session end.

Per test (autouse fixture ``frappe_rollback``): after each test frappe.db.rollback(), user reset to
Administrator, message log cleared.

RULES FOR TESTS
- Never call frappe.db.commit() in an integration test: everything a test writes is rolled back after it.
  Beware that DDL (creating a DocType, Custom Field, ...) and some Frappe APIs commit implicitly.
- Data that an HTTP server must see (``live_server``, browser tests) lives in another process, so it must
  be committed explicitly; such a test commits on purpose and deletes (and commits) what it made, e.g.
  with the ``committed`` fixture below, which deletes the registered docs at teardown.

``live_server`` (session): `frappe --site <site> serve --port 8011 --noreload` as a subprocess from
<bench>/sites, yields its base URL ("http://127.0.0.1:8011") once /api/method/ping answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import time
import warnings
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
APP_NAME = "consult_app"
RESULTS_DIR = REPO_ROOT / ".test-results"
BENCH = Path(os.environ.get("FRAPPE_BENCH") or "/home/frappe/frappe-bench")
SITE = os.environ.get("TEST_SITE") or "consult-test.localhost"
ADMIN_PASSWORD = os.environ.get("TEST_ADMIN_PASSWORD") or "admin"
LIVE_SERVER_PORT = int(os.environ.get("LIVE_SERVER_PORT") or 8011)
CI_DB_USER = "consult_ci"
CI_DB_PASSWORD = "consult_ci_test_pw"  # local test-only MariaDB admin, loopback only
_site_lang = "en"  # the test site's language, restored after each test
MYSQL_ROOT = ["mysql", "-uroot", "-h127.0.0.1", "-P3306"]


# ---------------------------------------------------------------------------------------------- bench


def bench_missing_reason(bench: Path = BENCH) -> str | None:
	"""None when `bench` is a usable Frappe bench, else why not."""
	missing = [p for p in ("env/bin/python", "apps/frappe", "sites") if not (bench / p).exists()]
	if missing:
		return f"no Frappe bench at {bench} (missing {', '.join(missing)})"
	return None


def bench_python() -> str:
	return str(BENCH / "env" / "bin" / "python")


def sites_path() -> Path:
	return BENCH / "sites"


def frappe_cli(*args: str, site: str | None = SITE, timeout: float = 1800, check: bool = True):
	"""Run Frappe's CLI (what `bench --site <site> ...` runs) from <bench>/sites; returns CompletedProcess."""
	cmd = [bench_python(), "-m", "frappe.utils.bench_helper", "frappe"]
	if site:
		cmd += ["--site", site]
	cmd += list(args)
	proc = subprocess.run(
		cmd,
		cwd=sites_path(),
		stdin=subprocess.DEVNULL,
		capture_output=True,
		text=True,
		timeout=timeout,
		env=_cli_env(),
	)
	if check and proc.returncode != 0:
		raise HarnessError(
			f"`{' '.join(cmd[3:])}` failed ({proc.returncode}):\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
		)
	return proc


def _cli_env() -> dict:
	env = dict(os.environ)
	env.pop("PYTHONPATH", None)  # the subprocess must import apps the way the bench does
	env.setdefault("PYTHONUNBUFFERED", "1")
	return env


def _tail(text: str, lines: int = 40, width: int = 400) -> str:
	"""The last lines of a command's output, each cut to `width` (Frappe prints huge locals)."""
	tail = (text or "").strip().splitlines()[-lines:]
	return "\n".join(line if len(line) <= width else line[:width] + " ..." for line in tail)


class HarnessError(RuntimeError):
	pass


# ------------------------------------------------------------------------------------ install checkout


def link_checkout() -> Path | None:
	"""<bench>/apps/consult_app -> this checkout; consult_app in apps.txt; assets symlink.

	Returns the symlink's previous target when it pointed elsewhere (see restore_checkout_link)."""
	app_dir = BENCH / "apps" / APP_NAME
	previous = None
	if app_dir.is_symlink():
		if app_dir.resolve() != REPO_ROOT:
			previous = Path(os.readlink(app_dir))
			app_dir.unlink()
			app_dir.symlink_to(REPO_ROOT, target_is_directory=True)
	elif app_dir.exists():
		if app_dir.resolve() != REPO_ROOT:
			warnings.warn(
				f"{app_dir} is a real directory, not a symlink to this checkout; left as is "
				f"(the bench env will import consult_app from {REPO_ROOT})",
				stacklevel=1,
			)
	else:
		app_dir.symlink_to(REPO_ROOT, target_is_directory=True)

	apps_txt = sites_path() / "apps.txt"
	apps = apps_txt.read_text().split() if apps_txt.exists() else ["frappe"]
	if APP_NAME not in apps:
		text = apps_txt.read_text() if apps_txt.exists() else "frappe"
		apps_txt.write_text(text.rstrip("\n") + f"\n{APP_NAME}\n")

	# like `bench build`: sites/assets/consult_app -> apps/consult_app/consult_app/public (follows the link)
	public = REPO_ROOT / APP_NAME / "public"
	assets = sites_path() / "assets" / APP_NAME
	if public.is_dir() and (sites_path() / "assets").is_dir() and assets.resolve() != public.resolve():
		if assets.is_symlink():
			assets.unlink()
		if not assets.exists():
			assets.symlink_to(app_dir / APP_NAME / "public", target_is_directory=True)
	return previous


def restore_checkout_link(previous: Path | None) -> None:
	"""Points <bench>/apps/consult_app (and the env's import) back to the checkout it named before this
	session, if that still exists: a throw-away clone (CI) must not leave the bench pointing at it."""
	if previous is None or not previous.is_dir() or not (previous / APP_NAME / "__init__.py").exists():
		return
	app_dir = BENCH / "apps" / APP_NAME
	if app_dir.is_symlink():
		app_dir.unlink()
		app_dir.symlink_to(previous, target_is_directory=True)
		_pip_editable(app_dir)


def checkout_imported() -> bool:
	"""Does the bench env (without our PYTHONPATH) import consult_app from this checkout?"""
	proc = subprocess.run(
		[bench_python(), "-c", f"import {APP_NAME}, os; print(os.path.realpath({APP_NAME}.__file__))"],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		env=_cli_env(),
		stdin=subprocess.DEVNULL,
	)
	return proc.returncode == 0 and Path(proc.stdout.strip()) == (REPO_ROOT / APP_NAME / "__init__.py")


def _pip_editable(path: Path) -> subprocess.CompletedProcess:
	cmd = [bench_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps", "-e"]
	return subprocess.run(
		[*cmd, str(path)], capture_output=True, text=True, env=_cli_env(), stdin=subprocess.DEVNULL
	)


def install_checkout_into_env() -> None:
	if checkout_imported():
		return
	proc = _pip_editable(REPO_ROOT)
	if proc.returncode != 0 or not checkout_imported():
		raise HarnessError(
			f"could not make the bench env import {APP_NAME} from {REPO_ROOT}:\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
		)


# ------------------------------------------------------------------------------------------- database


def mysql_root(sql: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[*MYSQL_ROOT, "-e", sql], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
	)


def db_root_credentials() -> tuple[str, str]:
	"""MariaDB admin for `new-site`: $DB_ROOT_USER/$DB_ROOT_PASSWORD, else 'consult_ci' (created here)."""
	if os.environ.get("DB_ROOT_USER"):
		return os.environ["DB_ROOT_USER"], os.environ.get("DB_ROOT_PASSWORD", "")
	statements = []
	for host in ("%", "localhost", "127.0.0.1"):
		user = f"'{CI_DB_USER}'@'{host}'"
		statements += [
			f"CREATE USER IF NOT EXISTS {user} IDENTIFIED BY '{CI_DB_PASSWORD}'",
			f"ALTER USER {user} IDENTIFIED BY '{CI_DB_PASSWORD}'",
			f"GRANT ALL PRIVILEGES ON *.* TO {user} WITH GRANT OPTION",
		]
	proc = mysql_root("; ".join(statements) + "; FLUSH PRIVILEGES;")
	if proc.returncode != 0:
		raise HarnessError(
			f"cannot create MariaDB admin user {CI_DB_USER} as root@127.0.0.1 (set DB_ROOT_USER/DB_ROOT_PASSWORD): "
			f"{proc.stderr.strip()}"
		)
	return CI_DB_USER, CI_DB_PASSWORD


def ensure_utf8mb4() -> None:
	mysql_root("SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';")


def require_port(host: str, port: int, what: str) -> None:
	with socket.socket() as s:
		s.settimeout(3)
		if s.connect_ex((host, port)) != 0:
			raise HarnessError(f"{what} is not listening on {host}:{port}")


# ----------------------------------------------------------------------------------------------- site


def site_config_path() -> Path:
	return sites_path() / SITE / "site_config.json"


SETUP_WIZARD_ARGS = {
	"language": "English",
	"country": "China",
	"timezone": "Asia/Shanghai",
	"currency": "CNY",
}


def _site_python(code: str, timeout: float = 600) -> subprocess.CompletedProcess:
	"""Runs `code` with the bench python in <bench>/sites after frappe.init + connect on the test site."""
	prelude = f"import json, frappe\nfrappe.init(site={SITE!r}, sites_path='.')\nfrappe.connect()\n"
	return subprocess.run(
		[bench_python(), "-c", prelude + code + "\nfrappe.destroy()\n"],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		env=_cli_env(),
		stdin=subprocess.DEVNULL,
		timeout=timeout,
	)


def site_json(site: str, code: str, timeout: float = 600):
	"""Runs `code` (which prints one JSON value) on `site` in a separate process; returns the value."""
	prelude = f"import json, frappe\nfrappe.init(site={site!r}, sites_path='.')\n"
	proc = subprocess.run(
		[bench_python(), "-c", prelude + code + "\nfrappe.destroy()\n"],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		env=_cli_env(),
		stdin=subprocess.DEVNULL,
		timeout=timeout,
	)
	if proc.returncode:
		raise HarnessError(f"site_json on {site} failed:\n{_tail(proc.stderr)}")
	return json.loads(proc.stdout.strip().splitlines()[-1])


def site_status() -> dict | None:
	"""{"apps": installed apps, "setup_complete": bool} of the test site, or None if it cannot be connected to."""
	proc = _site_python(
		"print('CONNECTED')\n"
		"setup = frappe.db.get_single_value('System Settings', 'setup_complete')\n"
		"print('STATUS=' + json.dumps({'apps': frappe.get_installed_apps(), 'setup_complete': bool(setup)}))"
	)
	lines = proc.stdout.splitlines()
	for line in lines:
		if line.startswith("STATUS="):
			return json.loads(line[len("STATUS=") :])
	if "CONNECTED" in lines:
		raise HarnessError(f"cannot read the state of site {SITE}:\n{_tail(proc.stderr)}")
	return None


def complete_setup_wizard() -> None:
	"""Completes the setup wizard (else /app shows it): English, China, Asia/Shanghai, CNY; no extra user;
	scheduler off (in_test)."""
	code = (
		"frappe.set_user('Administrator')\n"
		"frappe.flags.in_test = True\n"
		"from frappe.desk.page.setup_wizard.setup_wizard import setup_complete\n"
		f"setup_complete({SETUP_WIZARD_ARGS!r})\n"
		"frappe.db.commit()\n"
	)
	proc = _site_python(code)
	if proc.returncode != 0:
		raise HarnessError(f"setup wizard failed on {SITE}:\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}")


def create_site() -> None:
	user, password = db_root_credentials()
	frappe_cli(
		"new-site",
		SITE,
		"--admin-password",
		ADMIN_PASSWORD,
		"--db-root-username",
		user,
		"--db-root-password",
		password,
		"--no-mariadb-socket",  # v15.44's spelling of --mariadb-user-host-login-scope=%
		"--force",
		site=None,
	)


def ensure_site() -> None:
	"""Test site exists, works, allows tests, and has the current checkout installed and migrated."""
	ensure_utf8mb4()
	fresh = os.environ.get("TEST_FRESH_SITE", "").lower() in ("1", "true", "yes")
	status = site_status() if site_config_path().exists() and not fresh else None
	if status is None:
		if site_config_path().exists() and not fresh:
			warnings.warn(f"test site {SITE} exists but does not work; recreating it", stacklevel=1)
		create_site()
		status = site_status()
		if status is None:
			raise HarnessError(f"new site {SITE} was created but cannot be connected to")
	if not json.loads(site_config_path().read_text()).get("allow_tests"):
		frappe_cli("set-config", "allow_tests", "1", "--parse")
	if APP_NAME in status["apps"]:
		frappe_cli("migrate")
	else:
		frappe_cli("install-app", APP_NAME)
	if not status["setup_complete"]:
		complete_setup_wizard()


def prepare_bench() -> Path | None:
	"""Everything before the in-process connection; returns the previous checkout link (or None)."""
	reason = bench_missing_reason()
	if reason:
		raise HarnessError(reason)
	require_port("127.0.0.1", 3306, "MariaDB")
	require_port("127.0.0.1", 6379, "Redis")
	previous = link_checkout()
	try:
		install_checkout_into_env()
		ensure_site()
	except BaseException:
		restore_checkout_link(previous)
		raise
	return previous


# ------------------------------------------------------------------------------------ tier skipping


class _SkippedTierItem(pytest.Item):
	def runtest(self):
		pytest.skip(self.parent.skip_reason)

	def reportinfo(self):
		return self.path, 0, self.name


class _SkippedTierModule(pytest.File):
	skip_reason = ""

	def collect(self):
		yield _SkippedTierItem.from_parent(self, name=self.path.stem)


def skipped_module(parent, module_path, reason: str):
	"""A collector that reports test module `module_path` as one skipped test, without importing it (it
	would import frappe). Use from a conftest's pytest_pycollect_makemodule hook to skip a whole tier:
	pytest.skip(allow_module_level=True) is not allowed in a conftest."""
	module = _SkippedTierModule.from_parent(parent, path=module_path)
	module.skip_reason = reason
	return module


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def frappe_site():
	"""Prepares bench + test site once, then connects in-process as Administrator. Yields the site name."""
	started = time.monotonic()
	try:
		previous_link = prepare_bench()
	except (HarnessError, subprocess.TimeoutExpired) as e:
		pytest.fail(f"Frappe harness setup failed: {e}", pytrace=False)
	print(f"\n[harness] bench {BENCH}, site {SITE} ready in {time.monotonic() - started:.0f}s")

	import frappe

	old_cwd = os.getcwd()
	os.chdir(sites_path())
	frappe.init(site=SITE, sites_path=str(sites_path()))
	frappe.connect()
	frappe.flags.in_test = True
	# Emails are queued (Email Queue rows, which tests read) but not sent: sending "now" commits the
	# transaction (Frappe's SendMailContext), which would defeat the per-test rollback. A test that
	# sends through a real SMTP server unmutes on purpose.
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	global _site_lang
	_site_lang = frappe.local.lang
	try:
		yield SITE
	finally:
		with contextlib.suppress(Exception):
			frappe.db.rollback()
		frappe.destroy()
		os.chdir(old_cwd)
		restore_checkout_link(previous_link)


@pytest.fixture(autouse=True)
def frappe_rollback(frappe_site):
	"""Rolls back whatever a test wrote; resets user, messages and test flags."""
	import frappe

	yield
	frappe.db.rollback()
	# User Permissions are cached in Redis, which a rollback does not undo
	frappe.cache.delete_value("user_permissions")
	frappe.set_user("Administrator")
	frappe.clear_messages()
	frappe.local.message_log = []
	frappe.flags.in_test = True
	frappe.flags.mute_emails = True
	frappe.local.response = frappe._dict()
	if frappe.local.lang != _site_lang:  # a test that switched language (e.g. to zh) does not leak it
		frappe.local.lang = _site_lang
		frappe.local.lang_full_dict = None
		frappe.local.jenv = None


@pytest.fixture
def committed(frappe_site):
	"""For data another process (live server, browser) must see: `committed(doc)` commits the doc and
	deletes it (and commits) after the test. Returns the doc."""
	import frappe

	made = []

	def commit(doc):
		made.append((doc.doctype, doc.name))
		frappe.db.commit()
		return doc

	yield commit
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(made):
		if not frappe.db.exists(doctype, name):
			continue
		if frappe.db.get_value(doctype, name, "docstatus") == 1:  # a submitted record is cancelled first
			frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
		with contextlib.suppress(frappe.DoesNotExistError, frappe.LinkExistsError):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def _free_port(preferred: int) -> int:
	with socket.socket() as s:
		if s.connect_ex(("127.0.0.1", preferred)) != 0:
			return preferred
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(frappe_site):
	"""`frappe --site <site> serve` on port 8011 (another free port if taken); yields the base URL."""
	import urllib.request

	port = _free_port(LIVE_SERVER_PORT)
	if port != LIVE_SERVER_PORT:
		warnings.warn(f"port {LIVE_SERVER_PORT} is taken; live server on {port}", stacklevel=1)
	RESULTS_DIR.mkdir(exist_ok=True)
	log_path = RESULTS_DIR / "live_server.log"
	cmd = [bench_python(), "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE]
	cmd += ["serve", "--port", str(port), "--noreload"]
	log = open(log_path, "w")
	proc = subprocess.Popen(
		cmd,
		cwd=sites_path(),
		stdout=log,
		stderr=subprocess.STDOUT,
		stdin=subprocess.DEVNULL,
		env=_cli_env(),
		start_new_session=True,
	)
	base_url = f"http://127.0.0.1:{port}"
	# PDFs (print view, attachments of workflow emails) are rendered by wkhtmltopdf, which fetches the
	# print stylesheet from the site's URL: point the site (in-process and in the server) at this server.
	frappe_cli("set-config", "host_name", base_url)
	import frappe

	frappe.local.conf.host_name = base_url
	deadline = time.monotonic() + 90
	try:
		while True:
			if proc.poll() is not None:
				raise HarnessError(f"live server exited ({proc.returncode}):\n{_tail(log_path.read_text())}")
			try:
				with urllib.request.urlopen(f"{base_url}/api/method/ping", timeout=5) as r:
					if r.status == 200:
						break
			except OSError:
				pass
			if time.monotonic() > deadline:
				raise HarnessError(f"live server did not answer within 90 s:\n{_tail(log_path.read_text())}")
			time.sleep(0.5)
	except HarnessError as e:
		_stop(proc)
		log.close()
		pytest.fail(str(e), pytrace=False)
	try:
		yield base_url
	finally:
		_stop(proc)
		log.close()


def _stop(proc: subprocess.Popen) -> None:
	if proc.poll() is not None:
		return
	proc.terminate()
	try:
		proc.wait(timeout=15)
	except subprocess.TimeoutExpired:
		proc.kill()
		proc.wait(timeout=15)


# ------------------------------------------------------------------------------------ browser helpers

SCREENSHOTS_DIR = RESULTS_DIR / "screenshots"


def screenshot(page, name: str) -> Path:
	"""Full-page PNG of a Playwright page at .test-results/screenshots/<name>.png; returns its path."""
	SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
	path = SCREENSHOTS_DIR / (re.sub(r"[^\w.-]+", "_", name)[:150] + ".png")
	try:
		page.screenshot(path=str(path), full_page=True)
	except Exception as e:  # a crashed page must not hide the test's own error
		print(f"screenshot {path} failed: {e}")
	return path


def login(page, user: str = "Administrator", password: str = ADMIN_PASSWORD) -> None:
	"""Logs `user` in through the /login form (page's base_url = live server); waits for the desk."""
	page.goto("/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(re.compile(r".*/app(/.*)?([?#].*)?$"), timeout=60_000)
	page.wait_for_function("() => window.frappe && frappe.boot && frappe.session && frappe.session.user")


__all__ = [
	"ADMIN_PASSWORD",
	"BENCH",
	"REPO_ROOT",
	"RESULTS_DIR",
	"SITE",
	"HarnessError",
	"bench_missing_reason",
	"committed",
	"frappe_cli",
	"frappe_rollback",
	"frappe_site",
	"live_server",
	"login",
	"screenshot",
	"skipped_module",
]
