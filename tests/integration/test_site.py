"""Smoke tests of the harness: the test site runs the current checkout of consult_app."""

from pathlib import Path

import frappe
import harness


def test_app_installed(frappe_site):
	assert frappe.local.site == harness.SITE
	assert "consult_app" in frappe.get_installed_apps()


def test_app_imported_from_checkout():
	import consult_app

	assert Path(consult_app.__file__).resolve() == harness.REPO_ROOT / "consult_app" / "__init__.py"


def test_bench_runs_this_checkout():
	"""The bench's apps/consult_app and its python env (used by the CLI and live server) are this checkout."""
	assert (harness.BENCH / "apps" / "consult_app").resolve() == harness.REPO_ROOT
	assert harness.checkout_imported()


def test_module_def_synced():
	assert frappe.db.exists("Module Def", "Consultation")


def test_writes_are_rolled_back_between_tests_part1():
	frappe.get_doc({"doctype": "ToDo", "description": "harness rollback probe"}).insert()
	assert frappe.db.exists("ToDo", {"description": "harness rollback probe"})


def test_writes_are_rolled_back_between_tests_part2():
	assert not frappe.db.exists("ToDo", {"description": "harness rollback probe"})
	assert frappe.session.user == "Administrator"


def test_live_server_answers(live_server):
	import requests

	r = requests.get(f"{live_server}/api/method/ping", timeout=10)
	assert r.status_code == 200
	assert r.json() == {"message": "pong"}


def test_committed_data_is_seen_by_the_live_server_and_cleaned_up(live_server, committed):
	import requests

	todo = committed(frappe.get_doc({"doctype": "ToDo", "description": "harness live probe"}).insert())
	s = requests.Session()
	r = s.post(
		f"{live_server}/api/method/login", data={"usr": "Administrator", "pwd": harness.ADMIN_PASSWORD}
	)
	assert r.status_code == 200, r.text
	r = s.get(f"{live_server}/api/resource/ToDo/{todo.name}", timeout=10)
	assert r.status_code == 200
	assert r.json()["data"]["description"] == "harness live probe"


def test_committed_data_was_deleted():
	assert not frappe.db.exists("ToDo", {"description": "harness live probe"})
