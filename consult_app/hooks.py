app_name = "consult_app"
app_title = "Consultation"
app_publisher = "consult_app developers"
app_description = (
	"Grassroots consultation rooms (有事好商量 协商议事室): topics, research, meetings, outcomes"
)
app_email = "consult_app@example.org"
app_license = "mit"

# Apps
# ------------------

add_to_apps_screen = [
	{
		"name": "consult_app",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "Consultation",
		"route": "/app/consultation",
	}
]

# Installation
# ------------

after_install = "consult_app.install.after_install"
# refuse malformed values for the app's DocTypes before Frappe builds documents from them (HTTP 417, not 500)
before_request = ["consult_app.payload_guard.check_request"]

after_migrate = "consult_app.workflows.install_missing_workflows"

# Uninstallation
# ------------

before_uninstall = "consult_app.install.before_uninstall"

# Fixtures
# --------
# Records that are (re)imported on every install and migrate. Only records the
# app owns outright belong here: IT staff edit workflows, not these masters.

CONSULT_ROLES = [
	"Consultation Manager",
	"Room Secretary",
	"Convener",
	"Party Reviewer",
	"CPPCC Member",
	"Handling Unit",
]

# Workflow states and actions of the standard workflows (consultation/workflow/). The workflows
# themselves are not fixtures: they are installed once and then belong to the site.
WORKFLOW_STATES = [
	"Adopted",
	"Concluded",
	"Consulted",
	"Draft",
	"Evaluated",
	"Feedback Given",
	"Implemented",
	"Implementing",
	"Not Accepted",
	"Not Adopted",
	"Partly Adopted",
	"Party Approved",
	"Publicized",
	"Ready for Consultation",
	"Reported",
	"Researching",
	"Reviewed",
	"Shortlisted",
	"Submitted",
	"Temporary Approved",
]
WORKFLOW_ACTIONS = [
	"Adopt",
	"Adopt in Part",
	"Approve Plan",
	"Approve Temporary Topic",
	"Approve Topic",
	"Complete Research",
	"Conclude",
	"Decline",
	"Evaluate",
	"Give Feedback",
	"Mark Consulted",
	"Mark Implemented",
	"Publicize",
	"Reject Topic",
	"Reopen Implementation",
	"Report",
	"Return Plan",
	"Review Outcome",
	"Shortlist",
	"Start Implementation",
	"Start Research",
	"Submit Plan",
	"Submit for Screening",
]

fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", CONSULT_ROLES]]},
	{"dt": "Workflow State", "filters": [["name", "in", WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", WORKFLOW_ACTIONS]]},
]

# Permissions
# -----------
# Row-level rules User Permissions on rooms cannot express (consult_app/permissions.py)

permission_query_conditions = {
	"Consultation Meeting": "consult_app.permissions.meeting_query_conditions",
	"Consultation Outcome": "consult_app.permissions.outcome_query_conditions",
	# child tables listed on their own: only the rows of parents the user may list
	"Consultation Council Member": "consult_app.permissions.child_query_conditions",
	"Consultation Department Statement": "consult_app.permissions.child_query_conditions",
	"Consultation Handling Unit User": "consult_app.permissions.child_query_conditions",
	"Consultation Meeting Convener": "consult_app.permissions.child_query_conditions",
	"Consultation Meeting Participant": "consult_app.permissions.child_query_conditions",
	"Consultation Meeting Topic": "consult_app.permissions.child_query_conditions",
	"Consultation Opinion": "consult_app.permissions.child_query_conditions",
	"Consultation Outcome Progress": "consult_app.permissions.child_query_conditions",
	"Consultation Outcome Recipient": "consult_app.permissions.child_query_conditions",
	"Consultation Participant Expertise": "consult_app.permissions.child_query_conditions",
	"Consultation Plan Topic": "consult_app.permissions.child_query_conditions",
	"Consultation Research Member": "consult_app.permissions.child_query_conditions",
	"Consultation Room Convener": "consult_app.permissions.child_query_conditions",
	"Consultation Room Secretary": "consult_app.permissions.child_query_conditions",
	"Consultation Supervision Entry": "consult_app.permissions.child_query_conditions",
}

has_permission = {
	"Consultation Meeting": "consult_app.permissions.meeting_has_permission",
	"Consultation Outcome": "consult_app.permissions.outcome_has_permission",
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"consult_app.tasks.remind_collection_deadline",
		"consult_app.tasks.flag_overdue_outcomes",
	],
}

# Automatically update python controller files with type annotations for this app.
export_python_type_annotations = True
