"""The reports and the Consultation workspace in Chinese: the manager opens each standard report and the
workspace (number cards and charts); screenshots in .test-results/screenshots/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from harness import login, screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import factory

# report -> its Chinese title and a Chinese text it shows (a column, or a filter when it may have no rows)
REPORTS = {
	"Room Activity Compliance": ("议事室活动达标与排名", "达标情况"),
	"Member Participation Score": ("委员履职积分", "总积分"),
	"Annual Consultation Statistics": ("年度协商统计", "参加人次"),
	"Outcome Implementation Ledger": ("成果落实台账", "仅逾期"),
}


@pytest.fixture(scope="module")
def personas(frappe_site):
	return factory.ensure_personas()


@pytest.mark.parametrize("report", list(REPORTS))
def test_the_manager_opens_each_report_in_chinese(page, personas, report):
	title, column = REPORTS[report]
	login(page, factory.email("manager"), factory.PASSWORD)
	page.evaluate("(r) => frappe.set_route('query-report', r)", report)
	page.wait_for_function(
		"(t) => [...document.querySelectorAll('.page-head .title-text')].some(e => e.textContent.includes(t))",
		arg=title,
		timeout=30_000,
	)
	page.wait_for_function("(c) => document.body.innerText.includes(c)", arg=column, timeout=30_000)
	screenshot(page, f"report-{report}")


def test_the_workspace_shows_number_cards_and_charts_in_chinese(page, personas):
	login(page, factory.email("manager"), factory.PASSWORD)
	page.evaluate("() => frappe.set_route('consultation')")
	for label in ("待党组织审定议题", "逾期未办结成果", "本年度未达标议事室", "本月协商会议"):
		page.wait_for_function(
			"(l) => [...document.querySelectorAll('.widget-title')].some(e => e.textContent.includes(l))",
			arg=label,
			timeout=30_000,
		)
	page.wait_for_function(
		"() => [...document.querySelectorAll('.widget-title')].some(e => e.textContent.includes('协商成果状态分布'))",
		timeout=30_000,
	)
	page.wait_for_timeout(2000)  # let the cards' figures and the charts render before the screenshot
	screenshot(page, "workspace-consultation")
