"""The process has one owner: consult_app/process/states.py names every state and action of the shipped
workflows, the records the app installs for them match, and no other module of the app spells a state."""

import ast
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "consult_app"

import sys

sys.path.insert(0, str(APP.parent))
from consult_app.process import states


def shipped_workflows() -> dict[str, dict]:
	return {
		(w := json.loads(p.read_text()))["name"]: w
		for p in sorted(APP.glob("consultation/workflow/*/*.json"))
	}


@pytest.mark.parametrize("process", states.PROCESSES, ids=lambda p: p.__name__)
def test_the_states_module_names_exactly_the_shipped_workflow(process):
	workflow = shipped_workflows()[process.WORKFLOW]
	assert workflow["document_type"] == process.DOCTYPE
	assert {r["state"] for r in workflow["states"]} == set(process.STATES)
	assert {r["action"] for r in workflow["transitions"]} == set(process.ACTIONS)
	assert {r["next_state"] for r in workflow["transitions"]} <= set(process.STATES)


def test_groups_hold_only_states_of_their_process():
	for process in states.PROCESSES:
		for name, value in vars(process).items():
			if name.isupper() and isinstance(value, tuple) and name not in ("STATES", "ACTIONS"):
				assert set(value) <= set(process.STATES), (process.__name__, name)


def test_the_installed_state_and_action_records_are_the_workflows():
	records = json.loads((APP / "process" / "workflow_states.json").read_text())
	assert sorted(r["name"] for r in records) == states.all_state_names()
	records = json.loads((APP / "process" / "workflow_actions.json").read_text())
	assert sorted(r["name"] for r in records) == states.all_action_names()


# Select options that share a word with a state (an outcome's adoption decision is "Adopted" or
# "Not Adopted"): fields of the DocTypes, not states. Listed here by field, not by file.
NOT_STATES = {"Adopted", "Partly Adopted", "Not Adopted"}


def state_literals_in_python(path: Path, names: set[str]) -> list[str]:
	found = []
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
			found.append(f"{path.relative_to(APP)}:{node.lineno}: {node.value!r}")
	return found


def test_no_other_module_spells_a_state_name():
	names = set(states.all_state_names()) - NOT_STATES
	owner = APP / "process" / "states.py"
	found = []
	for path in sorted(APP.rglob("*.py")):
		if path != owner:
			found += state_literals_in_python(path, names)
	for path in sorted(APP.rglob("*.js")):
		for lineno, line in enumerate(path.read_text().splitlines(), 1):
			for literal in re.findall(r"[\"']([^\"']+)[\"']", line):
				if literal in names:
					found.append(f"{path.relative_to(APP)}:{lineno}: {literal!r}")
	assert not found, "state names outside consult_app/process/states.py:\n" + "\n".join(found)
