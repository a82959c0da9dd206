"""scripts/benchmark: a county's ten years on the benchmark's own site, and the measurements P1..P6.

Run through scripts/benchmark (which sets the bench and the site); `--quick` is 1 % of the sizes. The data
is made in two stages (1 % of the sizes, then the rest) so that query counts are compared at 1 % and at
100 % of the data. Writes .test-results/benchmark.json and a table; exits 1 if a ratio or query-count
target (P1, P2, P3's O(1) check) is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests")]
FIRST_SHARE = 0.01  # the first stage: 1 % of the sizes


def parse_args(argv=None):
	from benchmark.generate import Sizes

	d = Sizes()
	p = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.split("\n\n")[0])
	p.add_argument("--quick", action="store_true", help="1 %% of the sizes (what CI runs)")
	p.add_argument("--scale", type=float, default=None, help="share of the sizes (default 1, --quick 0.01)")
	for name in ("rooms", "participants", "topics", "meetings", "outcomes"):
		p.add_argument(
			f"--{name}",
			type=int,
			default=None,
			help=f"default {getattr(d, name)}" + ("" if name == "rooms" else " (before --scale)"),
		)
	p.add_argument("--years", type=int, default=d.years)
	p.add_argument("--overdue", type=int, default=d.overdue, help="overdue outcomes (fixed, not scaled)")
	p.add_argument(
		"--rounds", type=int, default=None, help="inserts per kind for P1/P2 (default 40, quick 30)"
	)
	p.add_argument("--repeat", type=int, default=20, help="requests per variant for P4")
	p.add_argument(
		"--submissions", type=int, default=None, help="web form submissions for P5 (default 300, quick 60)"
	)
	p.add_argument("--clients", type=int, default=8, help="concurrent clients for P5")
	p.add_argument(
		"--workers", type=int, default=int(os.environ.get("BENCH_WORKERS") or 4), help="gunicorn workers"
	)
	p.add_argument(
		"--keep-data", action="store_true", help="reuse the data of the last run (no O(1) comparisons)"
	)
	p.add_argument("--junit", default=None, help="also write the results as JUnit XML (scripts/test)")
	p.add_argument("--skip-http", action="store_true", help="no gunicorn: P4 pages and P5 are not measured")
	a = p.parse_args(argv)
	scale = a.scale if a.scale is not None else (0.01 if a.quick else 1.0)
	sizes = Sizes(years=a.years, overdue=a.overdue)
	for name in ("rooms", "participants", "topics", "meetings", "outcomes"):
		if getattr(a, name):
			setattr(sizes, name, getattr(a, name))
	a.sizes = sizes.scaled(scale) if scale != 1 else sizes
	a.scale = scale
	a.rounds = a.rounds or (30 if scale < 0.1 else 40)
	a.submissions = a.submissions or (60 if scale < 0.1 else 300)
	return a


def prepare_site(site: str) -> None:
	os.environ["TEST_SITE"] = site
	import harness

	print(f"[benchmark] site {site} on bench {harness.BENCH} (created if missing; migrated)", flush=True)
	harness.prepare_bench()
	# measured as in production: developer mode (inherited from the bench's common config) re-reads
	# templates and skips caches on every request
	harness.frappe_cli("set-config", "developer_mode", "0", "--parse")


def connect(site: str, bench: Path) -> None:
	import frappe

	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	frappe.set_user("Administrator")


def start_gunicorn(bench: Path, site: str, port: int, workers: int):
	log = open(REPO / ".test-results" / "benchmark-gunicorn.log", "w")
	cmd = [str(bench / "env/bin/gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120"]
	cmd += ["--preload", "frappe.app:application"]
	env = dict(os.environ)
	env.pop("PYTHONPATH", None)
	proc = subprocess.Popen(
		cmd, cwd=bench / "sites", stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 90
	while time.monotonic() < deadline:
		if proc.poll() is not None:
			raise RuntimeError(
				f"gunicorn exited ({proc.returncode}); see .test-results/benchmark-gunicorn.log"
			)
		try:
			req = urllib.request.Request(f"{url}/api/method/ping", headers={"X-Frappe-Site-Name": site})
			with urllib.request.urlopen(req, timeout=5):
				return proc, url
		except OSError:
			time.sleep(0.5)
	proc.terminate()
	raise RuntimeError("gunicorn did not answer within 90 s")


def stop(proc) -> None:
	if proc and proc.poll() is None:
		proc.terminate()
		try:
			proc.wait(timeout=20)
		except subprocess.TimeoutExpired:
			proc.kill()


def stamp(msg: str, started: float) -> None:
	print(f"[benchmark {time.monotonic() - started:7.1f}s] {msg}", flush=True)


def main(argv=None) -> int:
	args = parse_args(argv)
	site = os.environ.get("BENCH_SITE") or "consult-bench.localhost"
	bench = Path(os.environ.get("FRAPPE_BENCH") or "/home/frappe/frappe-bench")
	port = int(os.environ.get("BENCH_PORT") or 8012)
	results_dir = REPO / ".test-results"
	results_dir.mkdir(exist_ok=True)
	started = time.monotonic()
	prepare_site(site)
	connect(site, bench)
	import frappe

	from benchmark import generate, measure, twin

	today = date.today()
	frappe.flags.mute_emails = True
	twin.ensure_twins()
	gen = generate.Generator(args.sizes, today)
	stamp(f"sizes {args.sizes.as_dict()}", started)
	small_reports, small_job = {}, None
	if not args.keep_data:
		generate.Generator.wipe()
		gen.make(0, FIRST_SHARE)
		stamp(f"stage 1 (1 %) made: {generate.counts()}", started)
		small_reports = measure.p3_queries(today)
		measure.overdue_job()  # warm: meta and caches are loaded by the first run
		small_job = measure.overdue_job()
		gen.make(1, FIRST_SHARE)
		stamp(f"stage 2 (100 %) made: {generate.counts()}", started)
	else:
		gen.made.secretary_room = frappe.db.get_value(
			"Consultation Room Secretary", {"user": generate.SECRETARY}, "parent"
		)
	frappe.db.sql(
		"analyze table `tabConsultation Topic`, `tabConsultation Outcome`, `tabConsultation Meeting`"
	)
	room = gen.made.secretary_room
	results = {}
	results["P1"], results["P2"] = measure.p1_p2(room, args.rounds)
	stamp("P1, P2 done", started)
	results["P3"] = measure.p3(today, small_reports)
	stamp("P3 done", started)
	results["P4"] = measure.p4_list(today, args.repeat)
	stamp("P4 (list) done", started)
	gunicorn = None
	if not args.skip_http:
		try:
			gunicorn, url = start_gunicorn(bench, site, port, args.workers)
			measure.SITE_HEADER["X-Frappe-Site-Name"] = site
			pages = measure.p4_pages(url, args.repeat, warm=2 * args.workers)
			# value: the Desk list's p95; the pages' p95 beside it; met: both
			results["P4"]["pages"] = pages
			results["P4"]["list_met"] = results["P4"]["met"]
			results["P4"]["met"] = results["P4"]["met"] and pages["met"]
			results["P4"]["target"] = "≤ 100 ms (list); pages ≤ 150 ms"
			stamp("P4 (pages) done", started)
			results["P5"] = measure.p5(url, room, args.submissions, args.clients)
			stamp("P5 done", started)
		finally:
			stop(gunicorn)
	else:
		results["P5"] = {"value": None, "unit": "accepted submissions / s", "target": "≥ 30 /s", "met": None}
	if small_job is None:
		small_job = (0, -1, -1)
	measure.overdue_job()
	results["P6"] = measure.p6(small_job, frappe.db.count("Consultation Outcome"))
	stamp("P6 done", started)

	report = {
		"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
		"machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} CPU, {platform.python_version()}",
		"frappe": frappe.__version__,
		"site": site,
		"scale": args.scale,
		"sizes": args.sizes.as_dict(),
		"rows": generate.counts(),
		"seconds": round(time.monotonic() - started, 1),
		**results,
	}
	(results_dir / "benchmark.json").write_text(
		json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"
	)
	print_table(report)
	frappe.destroy()
	if args.junit:
		write_junit(Path(args.junit), report)
	gate = [results["P1"]["met"], results["P2"]["met"], results["P3"].get("queries_constant", True)]
	if not all(gate):
		print("benchmark: a ratio or query-count target (P1, P2, P3's O(1) check) is missed", file=sys.stderr)
		return 1
	return 0


GATING = {"P1": "met", "P2": "met", "P3": "queries_constant"}


def write_junit(path: Path, report: dict) -> None:
	"""One test case per measurement. P1, P2 and P3's O(1) check fail the case when missed; an absolute
	target missed on this machine (times, throughput) is reported in the case's output, not failed."""
	from xml.sax.saxutils import quoteattr

	cases = []
	for key in ("P1", "P2", "P3", "P4", "P5", "P6"):
		m = report[key]
		text = quoteattr(f"{m['value']} {m['unit']} (target {m['target']})")
		head = f'<testcase classname="benchmark" name="{key}">'
		if key in GATING and m.get(GATING[key], True) is False:
			cases.append(f"{head}<failure message={text}/></testcase>")
		else:
			cases.append(f"{head}<system-out>{text[1:-1]}: met={m['met']}</system-out></testcase>")
	failures = sum("<failure" in c for c in cases)
	path.write_text(
		f'<testsuite name="benchmark" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0">'
		+ "".join(cases)
		+ "</testsuite>\n"
	)


def print_table(report: dict) -> None:
	print(f"\n== benchmark {report['date']}  Frappe {report['frappe']}  {report['machine']}")
	print(f"sizes: {report['sizes']}")
	print(f"{'':4} {'value':>10}  {'unit':<58} {'target':<34} met")
	for key in ("P1", "P2", "P3", "P4", "P5", "P6"):
		r = report[key]
		print(f"{key:4} {r['value']!s:>10}  {r['unit']:<58} {r['target']:<34} {r['met']}")
	p1 = report["P1"]
	print(
		f"     P1 medians: topic {p1['topic_insert_ms']} ms, twin {p1['twin_insert_ms']} ms, bare without workflow "
		f"{p1['bare_insert_ms']} ms (topic / bare {p1['ratio_vs_bare_without_workflow']}×, twin / bare "
		f"{p1['twin_workflow_vs_bare']}×)"
	)
	p2 = report["P2"]
	print(
		f"     P2 queries: insert topic {p2['topic_insert_queries']} / twin {p2['twin_insert_queries']} / bare "
		f"{p2['bare_insert_queries']}; submit topic {p2['topic_submit_queries']} / twin {p2['twin_submit_queries']}"
	)
	for r in report["P3"]["reports"]:
		print(
			f"     P3 {r['report']} as {r['user']}: {r['median_ms']} ms, {r['queries']} queries (1 %: {r['queries_at_1pct']})"
		)
	for e in report["P3"]["errors"]:
		print(f"     P3 error: {e}")
	if report["P3"].get("note"):
		print(f"     P3: {report['P3']['note']}")
	p4 = report["P4"]
	print(f"     P4 Desk list: p95 {p4['value']} ms, median {p4['median_ms']} ms, queries {p4['queries']}")
	for path, page in p4.get("pages", {}).get("pages", {}).items():
		print(
			f"     P4 {path} as Guest: p95 {page['p95_ms']} ms, median {page['median_ms']} ms {page['status']}"
		)
	if report["P5"].get("baseline_ping_per_s"):
		print(
			f"     P5 baseline: /api/method/ping {report['P5']['baseline_ping_per_s']} /s with the same clients"
		)
	p6 = report["P6"]
	print(
		f"     P6 queries {p6['queries']} (1 %: {p6['queries_at_1pct']}), flagged {p6['flagged']} of {p6['outcomes']}"
	)
	print(f"written: .test-results/benchmark.json ({report['seconds']} s)")


if __name__ == "__main__":
	sys.exit(main())
