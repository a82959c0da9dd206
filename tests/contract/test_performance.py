"""What the county-scale benchmark (docs/performance.md) called for stays in the shipped metadata: the
indexes on the columns lists, reports, public pages and the daily jobs filter and join on, and the daily
jobs scheduled."""

import ast
import json
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "consult_app"
DOCTYPES = APP / "consultation" / "doctype"

# DocType -> the columns filtered or joined on at county scale (docs/performance.md, "What was changed")
INDEXED = {
	"Consultation Topic": ["room", "workflow_state", "year", "quarter", "plan", "publish_on_echo_wall"],
	"Consultation Outcome": ["room", "workflow_state", "topic", "meeting", "due_date", "handling_unit"],
	"Consultation Meeting": ["room", "start"],
	"Consultation Meeting Topic": ["topic"],
	"Consultation Opinion": ["topic"],
	"Consultation Meeting Participant": ["participant"],
	"Consultation Research": ["topic", "room"],
	"Consultation Participant": ["room", "user"],
	"Consultation Plan": ["room", "year"],
	"Consultation Plan Topic": ["topic"],
	"Consultation Handling Unit User": ["user"],
	"Consultation Room Secretary": ["user"],
}


def doctype_json(name: str) -> dict:
	folder = name.lower().replace(" ", "_")
	return json.loads((DOCTYPES / folder / f"{folder}.json").read_text())


@pytest.mark.parametrize("doctype", sorted(INDEXED))
def test_columns_filtered_at_county_scale_are_indexed(doctype):
	fields = {f["fieldname"]: f for f in doctype_json(doctype)["fields"]}
	missing = [f for f in INDEXED[doctype] if not fields[f].get("search_index")]
	assert not missing, f"{doctype}: no search_index on {missing}"


def test_daily_jobs_are_scheduled():
	"""The quarterly collection reminder (Gaosuntang Plan III.2) and the overdue check (Experience Reports
	交督复) run every day: hooks.scheduler_events names them, and consult_app.tasks defines them."""
	hooks = ast.parse((APP / "hooks.py").read_text())
	events = next(
		ast.literal_eval(node.value)
		for node in hooks.body
		if isinstance(node, ast.Assign)
		and any(getattr(t, "id", None) == "scheduler_events" for t in node.targets)
	)
	tasks = {n.name for n in ast.parse((APP / "tasks.py").read_text()).body if isinstance(n, ast.FunctionDef)}
	daily = events["daily"]
	assert "consult_app.tasks.remind_collection_deadline" in daily
	assert "consult_app.tasks.flag_overdue_outcomes" in daily
	assert {path.rsplit(".", 1)[1] for path in daily} <= tasks
