"""Smoke tier: every persona logs in, opens the list view of each DocType it may read and the new form of
each DocType it may create, and sees the desk in Chinese; the secretary saves a topic through the form.

What a persona may read or create is asked of Frappe (role permissions of the site), not listed here, so
the tier follows the DocTypes as they change. Navigation after the login stays inside the desk
(frappe.set_route, as clicking a link does) to keep the tier fast.
"""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

import pytest
from harness import login, screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import factory

PERSONAS = ["secretary_a", "reviewer", "member", "convener", "manager", "unit"]
MODULE = "Consultation"
HAN = re.compile(r"[\u4e00-\u9fff]")

# The visible page title of the current desk page contains `text`.
TITLE_SHOWS = """(text) => {
	const titles = [...document.querySelectorAll('.page-head .title-text')].filter(e => e.offsetParent !== null);
	return titles.some(e => e.textContent.includes(text));
}"""
VISIBLE_TITLE = """() => [...document.querySelectorAll('.page-head .title-text')]
	.filter(e => e.offsetParent !== null).map(e => e.textContent.trim()).join(' | ')"""


@pytest.fixture(scope="module")
def personas(frappe_site):
	return factory.ensure_personas()


@pytest.fixture(scope="module")
def access(personas):
	"""persona -> {"read": [(doctype, route, zh name, issingle)], "create": [...]} from the site's permissions."""
	import frappe

	doctypes = frappe.get_all(
		"DocType", filters={"module": MODULE, "istable": 0}, fields=["name", "issingle"], order_by="name"
	)
	assert doctypes, f"no DocTypes in module {MODULE}"
	result = {}
	for persona in PERSONAS:
		user = factory.email(persona)
		readable, creatable = [], []
		for dt in doctypes:
			entry = (
				dt.name,
				frappe.scrub(dt.name).replace("_", "-"),
				frappe._(dt.name, lang="zh"),
				dt.issingle,
			)
			if frappe.has_permission(dt.name, "read", user=user):
				readable.append(entry)
			if not dt.issingle and frappe.has_permission(dt.name, "create", user=user):
				creatable.append(entry)
		result[persona] = {"read": readable, "create": creatable}
	return result


def go(page, route: str, expected_title: str) -> str | None:
	"""Navigate inside the desk to /app/<route>; None when the page title shows `expected_title`, else what
	it shows instead."""
	page.evaluate("(r) => frappe.set_route(r)", f"/app/{route}")
	try:
		page.wait_for_function(TITLE_SHOWS, arg=expected_title, timeout=15_000)
	except Exception:
		return page.evaluate(VISIBLE_TITLE) or "(no title)"
	return None


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_sees_chinese_lists_and_forms(page, personas, access, persona):
	login(page, factory.email(persona), factory.PASSWORD)
	assert page.evaluate("frappe.boot.lang") == "zh", "persona users work in Chinese"
	allowed = access[persona]
	assert allowed["read"], f"{persona} may read no DocType of the module"
	problems = []
	for doctype, route, zh, issingle in allowed["read"]:
		assert HAN.search(zh), f"{doctype} has no Chinese name (translations/zh.csv)"
		shown = go(page, route, zh)  # a Single DocType's route opens its form
		if shown is not None:
			problems.append(
				f"{'form' if issingle else 'list'} {doctype}: expected title {zh}, page shows {shown!r}"
			)
	screenshot(page, f"smoke-{persona}-last-list")
	for i, (doctype, route, zh, _issingle) in enumerate(allowed["create"]):
		shown = go(page, f"{route}/new", zh)
		if shown is not None:
			problems.append(f"new {doctype}: expected title with {zh}, page shows {shown!r}")
		elif not HAN.search(page.evaluate(VISIBLE_TITLE).replace(zh, "")):
			problems.append(f"new {doctype}: the title is not Chinese: {page.evaluate(VISIBLE_TITLE)!r}")
		if i == 0:
			screenshot(page, f"smoke-{persona}-new-{route}")
	if any(doctype == "Consultation Topic" for doctype, *_ in allowed["read"]):
		go(page, "consultation-topic", "协商议题")
		screenshot(page, f"smoke-{persona}-topic-list")
	assert not problems, "\n".join(problems)


@pytest.fixture
def marker(frappe_site):
	"""A unique title marker; every topic with it is deleted (and committed) after the test."""
	import frappe

	mark = uuid.uuid4().hex[:8]
	yield mark
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all("Consultation Topic", {"title": ("like", f"%{mark}%")}, pluck="name"):
		frappe.delete_doc("Consultation Topic", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_secretary_saves_a_topic_through_the_form(page, personas, marker):
	import frappe

	title = f"老旧小区加装电梯 {marker}"
	login(page, factory.email("secretary_a"), factory.PASSWORD)
	page.goto("/app/consultation-topic/new")
	page.wait_for_function(TITLE_SHOWS, arg="协商议题")

	page.locator('.frappe-control[data-fieldname="title"] input').fill(title)
	room = page.locator('.frappe-control[data-fieldname="room"] input')
	room.fill(factory.ROOM_A)
	page.locator('ul[role="listbox"] [role="option"]', has_text=factory.ROOM_A).first.click()
	page.locator('.form-tabs .nav-link[id$="-source_tab-tab"]').click()
	page.locator('.frappe-control[data-fieldname="source"] select').select_option("Residents")
	page.locator('.frappe-control[data-fieldname="proposer_name"] input').fill("张居民")
	screenshot(page, "smoke-secretary-topic-filled")
	page.keyboard.press("Control+s")

	page.wait_for_url(re.compile(r".*/app/consultation-topic/TOPIC-[^/?#]+$"), timeout=30_000)
	page.wait_for_function("() => cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()")
	screenshot(page, "smoke-secretary-topic-saved")
	name = page.url.rstrip("/").rsplit("/", 1)[-1]

	frappe.db.rollback()  # see the server's commit
	saved = frappe.db.get_value(
		"Consultation Topic", name, ["title", "room", "source", "workflow_state", "owner"], as_dict=True
	)
	assert saved, f"{name} was not saved"
	assert saved.title == title
	assert saved.room == factory.ROOM_A
	assert saved.source == "Residents"
	assert saved.workflow_state == "Draft"
	assert saved.owner == factory.email("secretary_a")
	# the form shows the Chinese state indicator (草稿 = Draft)
	assert page.locator(".indicator-pill", has_text="草稿").first.is_visible()
