"""A county's ten years of consultation records, written with frappe.db.bulk_insert (no insert() per row).

The data is consistent enough for every list, report, page and job to have real work to do: a room tree
(county -> towns/streets and parks -> villages/communities and enterprises), participants accepted in their
rooms, topics of every workflow state spread over the years (old ones mostly concluded), submitted meetings
with conveners, an agenda of topics of their room, ~10 participants and ~10 opinions, outcomes of those
meetings in every state with handling units, due dates and progress rows, some published on the echo wall.

Records are made in two stages (`part` 0 and 1) so that the benchmark can measure query counts at 1 % and
at 100 % of the data: stage 0 makes the rooms, units, users and the first share of everything else
(including every overdue outcome: their number is fixed, `overdue`), stage 1 the rest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import ClassVar

import frappe
from frappe.utils.nestedset import rebuild_tree

from consult_app.process.states import Outcome, Topic

ROOM = "Consultation Room"
PREFIX = "BENCH"
SECRETARY = "bench.secretary@bench.test"
MANAGER = "bench.manager@bench.test"
UNIT_USER = "bench.unit{0}@bench.test"
PASSWORD = "Bench-Consult-2026!"

# the app's tables the generator fills (wiped before a run: the benchmark site is its own)
TABLES = (
	"Consultation Room",
	"Consultation Room Secretary",
	"Consultation Room Convener",
	"Consultation Participant",
	"Consultation Handling Unit",
	"Consultation Handling Unit User",
	"Consultation Topic",
	"Consultation Meeting",
	"Consultation Meeting Convener",
	"Consultation Meeting Topic",
	"Consultation Meeting Participant",
	"Consultation Opinion",
	"Consultation Outcome",
	"Consultation Outcome Progress",
)


@dataclass
class Sizes:
	rooms: int = 200
	participants: int = 20_000
	topics: int = 100_000
	meetings: int = 30_000
	outcomes: int = 60_000
	per_meeting: int = 10  # participants and opinions of a meeting
	years: int = 10
	units: int = 40
	overdue: int = 40  # open outcomes past their due date: a fixed number, not scaled

	def scaled(self, factor: float) -> Sizes:
		s = Sizes(**self.__dict__)
		for name in ("participants", "topics", "meetings", "outcomes"):
			setattr(s, name, max(int(getattr(self, name) * factor), 20))
		return s  # the room tree, the handling units and the overdue outcomes keep their size

	def as_dict(self) -> dict:
		return dict(self.__dict__)


@dataclass
class Made:
	"""What stage 0 made that stage 1 builds on."""

	rooms: list[str] = field(default_factory=list)
	towns: list[str] = field(default_factory=list)
	participants_by_room: dict[str, list[str]] = field(default_factory=dict)
	units: list[str] = field(default_factory=list)
	secretary_room: str = ""


def stage_range(total: int, part: int, first_share: float, minimum: int = 1) -> range:
	first = min(max(int(total * first_share), minimum), total)
	return range(0, first) if part == 0 else range(first, total)


class Generator:
	def __init__(self, sizes: Sizes, today: date, seed: int = 12):
		self.sizes = sizes
		self.today = today
		self.rng = random.Random(seed)
		self.made = Made()
		self.now = datetime.combine(today, datetime.min.time())
		self.first_year = today.year - sizes.years + 1

	# -- helpers ------------------------------------------------------------------------------------

	def std(self, name: str, when: datetime, docstatus: int = 0) -> list:
		return [name, when, when, "Administrator", "Administrator", docstatus, 0]

	STD: ClassVar[list[str]] = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"]
	CHILD: ClassVar[list[str]] = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
		"parent",
		"parenttype",
		"parentfield",
	]

	def child(
		self, name: str, when: datetime, idx: int, parent: str, parenttype: str, parentfield: str, docstatus=0
	):
		return [
			name,
			when,
			when,
			"Administrator",
			"Administrator",
			docstatus,
			idx,
			parent,
			parenttype,
			parentfield,
		]

	def when_in_year(self, year: int) -> datetime:
		start = datetime(year, 1, 1)
		last = min(datetime(year, 12, 31), self.now - timedelta(days=1))
		span = max((last - start).days, 1)
		return start + timedelta(days=self.rng.randrange(span), seconds=self.rng.randrange(86400))

	def year_of(self, i: int, n: int) -> int:
		"""Index i of n spread over the years, the later years a little busier."""
		return self.first_year + min(int((i / max(n, 1)) ** 0.9 * self.sizes.years), self.sizes.years - 1)

	# -- wipe ---------------------------------------------------------------------------------------

	@staticmethod
	def wipe() -> None:
		for doctype in TABLES:
			frappe.db.sql(f"delete from `tab{doctype}`")
		frappe.db.sql("delete from `tabUser Permission` where allow like 'Consultation %%'")
		frappe.db.sql("delete from `tabToDo` where reference_type like 'Consultation %%'")
		frappe.db.sql("delete from `tabEmail Queue` where reference_doctype like 'Consultation %%'")
		frappe.db.sql("delete from `tabWorkflow Action` where reference_doctype like 'Consultation %%'")
		frappe.db.commit()

	# -- stage 0: the structure ---------------------------------------------------------------------

	def make_structure(self) -> None:
		self.make_users()
		self.make_rooms()
		self.make_units()

	def make_users(self) -> None:
		users = [
			(SECRETARY, "基准联络员", ["Room Secretary"]),
			(MANAGER, "基准主任", ["Consultation Manager"]),
		]
		users += [(UNIT_USER.format(i), f"承办{i}", ["Handling Unit"]) for i in range(3)]
		for email, name, roles in users:
			if not frappe.db.exists("User", email):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": email,
						"first_name": name,
						"send_welcome_email": 0,
						"new_password": PASSWORD,
						"roles": [{"role": r} for r in roles],
					}
				).insert(ignore_permissions=True)
		# Frappe makes the site's first user a System Manager: not these personas
		frappe.db.delete("Has Role", {"parent": ("like", "%@bench.test"), "role": "System Manager"})
		frappe.db.commit()
		frappe.clear_cache()

	def make_rooms(self) -> None:
		n = self.sizes.rooms
		when = datetime(self.first_year, 1, 1)
		county = f"{PREFIX}县协商议事室"
		towns = [f"{PREFIX}镇街{i:03d}" for i in range(max(n // 10, 2))]
		parks = [f"{PREFIX}园区{i:02d}" for i in range(max(n // 100, 1))]
		leaves = n - 1 - len(towns) - len(parks)
		rows = [[*self.std(county, when), county, "County", None, 1, 1]]
		for t in towns:
			rows.append([*self.std(t, when), t, "Town/Street", county, 1, 1])
		for p in parks:
			rows.append([*self.std(p, when), p, "Park", county, 1, 1])
		villages = []
		for i in range(max(leaves, 0)):
			kind = "Enterprise/Institution" if i % 5 == 4 else "Village/Community"
			parent = (towns + parks)[i % (len(towns) + len(parks))]
			name = f"{PREFIX}{'企业' if kind != 'Village/Community' else '村社区'}{i:04d}"
			rows.append([*self.std(name, when), name, kind, parent, 0, 1])
			villages.append(name)
		frappe.db.bulk_insert(
			ROOM, [*self.STD, "room_name", "level", "parent_consultation_room", "is_group", "active"], rows
		)
		rebuild_tree(ROOM)
		self.made.rooms = [r[0] for r in rows]
		self.made.towns = towns
		# the benchmark's secretary works for the first town: a User Permission on it covers its rooms
		self.made.secretary_room = towns[0]
		room = frappe.get_doc(ROOM, towns[0])
		room.append("secretaries", {"user": SECRETARY})
		room.save(ignore_permissions=True)
		frappe.db.commit()

	def make_units(self) -> None:
		when = datetime(self.first_year, 1, 1)
		units, users = [], []
		for i in range(self.sizes.units):
			name = f"{PREFIX}承办单位{i:03d}"
			units.append([*self.std(name, when), name, f"负责人{i}", f"unit{i}@bench.test", 1])
			users.append(
				[
					*self.child(f"{PREFIX}-HU-{i}", when, 1, name, "Consultation Handling Unit", "users"),
					UNIT_USER.format(i % 3),
				]
			)
		frappe.db.bulk_insert(
			"Consultation Handling Unit",
			[*self.STD, "unit_name", "responsible_person", "email", "active"],
			units,
		)
		frappe.db.bulk_insert("Consultation Handling Unit User", [*self.CHILD, "user"], users)
		self.made.units = [u[0] for u in units]
		frappe.db.commit()

	# -- the records --------------------------------------------------------------------------------

	def make_participants(self, part: int, first_share: float) -> None:
		categories = (
			"Resident Representative",
			"County CPPCC Member",
			"Stakeholder Representative",
			"Expert",
		)
		rows = []
		for i in stage_range(self.sizes.participants, part, first_share):
			room = self.made.rooms[i % len(self.made.rooms)]
			name = f"{PREFIX}-CP-{i:06d}"
			when = datetime(self.first_year, 1, 1) + timedelta(minutes=i)
			rows.append(
				[
					*self.std(name, when),
					f"参与人{i}",
					categories[i % 4],
					room,
					1,
					1,
					"基准党组织",
					when.date(),
				]
			)
			self.made.participants_by_room.setdefault(room, []).append(name)
		frappe.db.bulk_insert(
			"Consultation Participant",
			[
				*self.STD,
				"full_name",
				"category",
				"room",
				"active",
				"party_accepted",
				"accepted_by",
				"accepted_on",
			],
			rows,
		)
		frappe.db.commit()

	def topic_state(self, year: int) -> str:
		"""Old topics are mostly concluded or not accepted; this year's are in every state, few of them on
		the public notice at a time (from publicity to the meeting: a few weeks)."""
		if year == self.today.year:
			if self.rng.random() < 0.03:
				return self.rng.choice(Topic.ON_NOTICE)
			return self.rng.choice([s for s in Topic.STATES if s not in Topic.ON_NOTICE])
		roll = self.rng.random()
		if roll < 0.8:
			return Topic.CONCLUDED
		return Topic.NOT_ACCEPTED if roll < 0.95 else Topic.CONSULTED

	def topic_name(self, i: int) -> str:
		return f"{PREFIX}-T-{i:06d}"

	def make_topics(self, part: int, first_share: float) -> None:
		n = self.sizes.topics
		rows = []
		sources = ("Residents", "Members", "Leaders", "Public Call", "Proposal or Social Conditions Report")
		for i in stage_range(n, part, first_share):
			year = self.year_of(i, n)
			when = self.when_in_year(year)
			state = self.topic_state(year)
			room = self.room_of_topic(i)
			publicized = state in Topic.PUBLICIZED_OR_LATER
			start = (when + timedelta(days=20)).date() if publicized else None
			published = int(state == Topic.CONCLUDED and i % 20 == 0)
			rows.append(
				[
					*self.std(self.topic_name(i), when),
					f"议题{i}：小区停车与加装电梯",
					room,
					year,
					f"Q{(when.month - 1) // 3 + 1}",
					state,
					sources[i % 5],
					"居民反映的问题，需协商解决。",
					"No",
					start,
					start + timedelta(days=7) if start else None,
					published,
					self.today.year != year or state not in (Topic.DRAFT, Topic.SUBMITTED),
				]
			)
		frappe.db.bulk_insert(
			Topic.DOCTYPE,
			[
				*self.STD,
				"title",
				"room",
				"year",
				"quarter",
				"workflow_state",
				"source",
				"description",
				"ex_party_policy_law",
				"publicity_start",
				"earliest_meeting_date",
				"publish_on_echo_wall",
				"affects_residents",
			],
			rows,
		)
		frappe.db.commit()

	def meeting_name(self, i: int) -> str:
		return f"{PREFIX}-M-{i:06d}"

	def room_of_topic(self, i: int) -> str:
		return self.made.rooms[1 + i % (len(self.made.rooms) - 1)]

	def meeting_topic_numbers(self, i: int) -> list[int]:
		"""The agenda of meeting i: 1-3 topics of one room, of the meeting's time (topics and meetings
		spread over the same years)."""
		n_t, n_m, step = self.sizes.topics, self.sizes.meetings, len(self.made.rooms) - 1
		base = int(i * n_t / n_m)
		return [t for t in (base + k * step for k in range(1 + i % 3)) if t < n_t] or [min(base, n_t - 1)]

	def meeting_topics(self, i: int) -> list[str]:
		return [self.topic_name(t) for t in self.meeting_topic_numbers(i)]

	def make_meetings(self, part: int, first_share: float) -> None:
		n = self.sizes.meetings
		meetings, conveners, agenda, people, opinions = [], [], [], [], []
		forms = ("In Person", "On-site", "Online", "Written", "Mixed")
		stances = ("Agree", "Disagree", "Supplement")
		per = self.sizes.per_meeting
		for i in stage_range(n, part, first_share):
			name = self.meeting_name(i)
			year = self.year_of(i, n)
			when = self.when_in_year(year)
			room = self.room_of_topic(self.meeting_topic_numbers(i)[0])
			meetings.append(
				[
					*self.std(name, when, docstatus=1),
					f"协商会议{i}",
					room,
					forms[i % 5],
					"村委会议室",
					when,
					when + timedelta(hours=2),
					when - timedelta(days=7),
					1,
					"与会人员达成共识。",
					"会议纪要：各方充分协商。",
				]
			)
			pool = self.made.participants_by_room.get(room) or next(
				iter(self.made.participants_by_room.values())
			)
			chosen = [pool[(i + k) % len(pool)] for k in range(min(per, len(pool)))]
			conveners.append(
				[
					*self.child(f"{name}-C1", when, 1, name, MEETING, "conveners", 1),
					chosen[0],
					"First Convener",
				]
			)
			topics = self.meeting_topics(i)
			for k, t in enumerate(topics):
				agenda.append([*self.child(f"{name}-A{k}", when, k + 1, name, MEETING, "agenda", 1), t])
			for k, p in enumerate(chosen):
				people.append(
					[
						*self.child(f"{name}-P{k}", when, k + 1, name, MEETING, "participants", 1),
						p,
						f"参与人{p[-6:]}",
						"Resident",
						1,
						"Present",
					]
				)
				opinions.append(
					[
						*self.child(f"{name}-O{k}", when, k + 1, name, MEETING, "opinions", 1),
						topics[k % len(topics)],
						p,
						stances[k % 3],
						"同意方案，建议分步实施。",
					]
				)
		frappe.db.bulk_insert(
			MEETING,
			[
				*self.STD,
				"meeting_title",
				"room",
				"form",
				"venue",
				"start",
				"end",
				"notice_sent_on",
				"consensus_reached",
				"consensus",
				"minutes",
			],
			meetings,
		)
		frappe.db.bulk_insert(
			"Consultation Meeting Convener", [*self.CHILD, "participant", "convener_order"], conveners
		)
		frappe.db.bulk_insert("Consultation Meeting Topic", [*self.CHILD, "topic"], agenda)
		frappe.db.bulk_insert(
			"Consultation Meeting Participant",
			[*self.CHILD, "participant", "participant_name", "meeting_role", "invited", "attendance"],
			people,
		)
		frappe.db.bulk_insert(
			"Consultation Opinion", [*self.CHILD, "topic", "speaker", "stance", "opinion"], opinions
		)
		frappe.db.commit()

	def outcome_state(self, overdue: bool) -> str:
		if overdue:
			return self.rng.choice(Outcome.OPEN)
		closed = (*Outcome.IMPLEMENTED_OR_LATER, Outcome.NOT_ADOPTED)
		return self.rng.choice(closed) if self.rng.random() < 0.85 else self.rng.choice(Outcome.STATES)

	def make_outcomes(self, part: int, first_share: float) -> None:
		n = self.sizes.outcomes
		rows, progress = [], []
		types = ("Consultation Suggestion", "Minutes", "Social Conditions Information", "Proposal")
		for i in stage_range(n, part, first_share, minimum=self.sizes.overdue):
			meeting_i = min(int(i * self.sizes.meetings / n), self.sizes.meetings - 1)
			meeting = self.meeting_name(meeting_i)
			topic_i = self.meeting_topic_numbers(meeting_i)[0]
			topic = self.topic_name(topic_i)
			year = self.year_of(meeting_i, self.sizes.meetings)
			when = self.when_in_year(year)
			overdue = part == 0 and i < self.sizes.overdue
			state = self.outcome_state(overdue)
			decided = state in Outcome.DECIDED
			adopted = decided and state != Outcome.NOT_ADOPTED
			if overdue:
				due = self.today - timedelta(days=3 + i * 2)
			elif state in Outcome.OPEN:
				due = self.today + timedelta(days=30 + i % 300)  # still being handled, not late
			else:
				due = (when + timedelta(days=90)).date() if adopted else None
			name = f"{PREFIX}-O-{i:06d}"
			room = self.room_of_topic(topic_i)
			rows.append(
				[
					*self.std(name, when),
					f"成果{i}：停车位改造建议",
					types[i % 4],
					meeting,
					topic,
					room,
					state,
					"建议增设停车位，分步实施。",
					(Outcome.ADOPTED if adopted else Outcome.NOT_ADOPTED) if decided else None,
					when.date() if decided else None,
					self.made.units[i % len(self.made.units)] if adopted else None,
					due,
					100 if state in Outcome.IMPLEMENTED_OR_LATER else (i % 90 if adopted else 0),
					int(state in Outcome.FEEDBACK_STATES and i % 3 == 0),
					"已向居民反馈办理结果。" if state in Outcome.FEEDBACK_STATES else None,
				]
			)
			if adopted:
				for k in range(1 + i % 3):
					progress.append(
						[
							*self.child(f"{name}-G{k}", when, k + 1, name, Outcome.DOCTYPE, "progress"),
							(when + timedelta(days=30 * (k + 1))).date(),
							30 * (k + 1),
							"按计划推进。",
						]
					)
		frappe.db.bulk_insert(
			Outcome.DOCTYPE,
			[
				*self.STD,
				"title",
				"outcome_type",
				"meeting",
				"topic",
				"room",
				"workflow_state",
				"content",
				"adoption_decision",
				"decided_on",
				"handling_unit",
				"due_date",
				"percent_complete",
				"publish_feedback",
				"feedback_public_text",
			],
			rows,
		)
		frappe.db.bulk_insert(
			"Consultation Outcome Progress", [*self.CHILD, "progress_date", "percent", "note"], progress
		)
		frappe.db.commit()

	def make(self, part: int, first_share: float) -> None:
		if part == 0:
			self.make_structure()
		self.make_participants(part, first_share)
		self.make_topics(part, first_share)
		self.make_meetings(part, first_share)
		self.make_outcomes(part, first_share)


MEETING = "Consultation Meeting"


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in TABLES}
