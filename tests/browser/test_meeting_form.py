"""The Meeting form's own controls in the browser (desktop viewport): the room secretary invites people with
the Add Participants dialog — only participants accepted by the party organisation are offered (Hai'an
Plan) — and finds her room's meetings, and only hers, in the meeting calendar (the office sees every room's)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from desk import open_form, save
from harness import login, screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import factory


@pytest.fixture(scope="module")
def personas(frappe_site):
	return factory.ensure_personas()


def test_the_secretary_invites_accepted_participants_with_the_add_participants_dialog(page, made):
	import frappe
	from meeting_factory import researched_topic, schedule_meeting

	suffix = uuid.uuid4().hex[:4]
	topic, _research = researched_topic(f"社区广场噪声扰民{suffix}")
	meeting = schedule_meeting([topic])
	invited_before = [row.participant for row in meeting.participants]
	frappe.set_user("Administrator")
	chosen = [
		factory.make_participant(f"广场舞队长{suffix}", category="Resident Representative"),
		factory.make_participant(f"声学专家{suffix}", category="Expert"),
	]
	left = factory.make_participant(f"未选居民{suffix}", category="Resident Representative")
	not_accepted = factory.make_participant(f"未审定居民{suffix}", accepted=False)
	made()

	errors = []
	page.on("pageerror", lambda e: errors.append(str(e)))
	login(page, factory.email("secretary_a"), factory.PASSWORD)
	open_form(page, "Consultation Meeting", meeting.name)
	label = frappe._("Add Participants", lang="zh")
	page.locator(".page-head .custom-actions button:visible", has_text=label).first.click()
	dialog = page.locator(".modal.show", has_text=label)
	try:
		dialog.wait_for(timeout=15_000)
	except Exception:
		pytest.fail(f"the Add Participants dialog did not open; errors on the page: {errors}")
	for person in (*chosen, left):
		dialog.locator(f'input[type="checkbox"][data-unit="{person.name}"]').wait_for()
	# Hai'an Plan: the party organisation accepts who takes part; the dialog offers no one else
	assert not dialog.locator(f'[data-unit="{not_accepted.name}"]').count()
	for person in chosen:
		dialog.locator(f'input[type="checkbox"][data-unit="{person.name}"]').check()
	screenshot(page, "meeting-add-participants-dialog")
	dialog.locator(".modal-footer .btn-primary").click()
	dialog.wait_for(state="hidden")
	save(page)
	screenshot(page, "meeting-add-participants-saved")

	frappe.db.rollback()
	rows = frappe.get_all(
		"Consultation Meeting Participant",
		filters={"parent": meeting.name, "parenttype": "Consultation Meeting"},
		fields=["participant", "invited"],
		order_by="idx",
	)
	assert [r.participant for r in rows] == [*invited_before, *(p.name for p in chosen)]
	assert all(r.invited for r in rows)


def test_the_meeting_calendar_shows_the_secretarys_room_and_not_another(page, made):
	import frappe
	from meeting_factory import meeting_dict, meeting_people, researched_topic, schedule_meeting

	suffix = uuid.uuid4().hex[:4]
	topic, _research = researched_topic(f"菜市场周边占道经营{suffix}")
	mine = schedule_meeting([topic], meeting_title=f"占道经营协商会{suffix}")
	frappe.set_user("Administrator")
	conveners, participants = meeting_people()
	other = frappe.get_doc(
		meeting_dict(
			[],
			conveners,
			participants,
			room=factory.ROOM_B,
			meeting_title=f"乙室协商会{suffix}",
			start=mine.start,
			end=mine.end,
		)
	).insert()
	made()

	def calendar_on(day):
		page.goto("/app/consultation-meeting/view/calendar")
		page.wait_for_function("() => window.cur_list && cur_list.calendar && cur_list.calendar.$cal")
		page.evaluate("(day) => cur_list.calendar.$cal.fullCalendar('gotoDate', day)", day)

	day = str(mine.start).split(" ")[0]
	# the office sees every room's meetings: the other room's meeting is on the calendar for those allowed
	login(page, factory.email("manager"), factory.PASSWORD)
	calendar_on(day)
	for title in (mine.meeting_title, other.meeting_title):
		page.locator(".fc-event", has_text=title).first.wait_for()
	page.context.clear_cookies()

	login(page, factory.email("secretary_a"), factory.PASSWORD)
	calendar_on(day)
	page.locator(".fc-event", has_text=mine.meeting_title).first.wait_for()
	assert not page.locator(".fc-event", has_text=other.meeting_title).count(), "another room's meeting"
	screenshot(page, "meeting-calendar")
