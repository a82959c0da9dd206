"""Smoke test of the browser harness: Administrator logs in and the desk loads."""

from harness import login, screenshot


def test_administrator_logs_in(page):
	login(page, "Administrator")
	page.goto("/app")
	page.wait_for_selector(".page-container", state="visible")
	assert page.evaluate("frappe.session.user") == "Administrator"
	assert screenshot(page, "administrator-desk").exists()
