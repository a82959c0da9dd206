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
# the app's Roles, Workflow States and Actions and workflows: created when missing, never overwritten
after_migrate = "consult_app.install.after_migrate"

# Uninstallation
# ------------

before_uninstall = "consult_app.install.before_uninstall"

# Request Events
# ----------------
# refuse malformed values for the app's DocTypes before Frappe builds documents from them (HTTP 417, not 500)
before_request = ["consult_app.access.payload_guard.check_request"]

# Boot
# ----
# the process's state names for the browser's scripts (frappe.boot.consult_process)
boot_session = "consult_app.process.boot.boot_session"

# Permissions
# -----------
# Row-level rules User Permissions on rooms cannot express (consult_app/access/)

permission_query_conditions = {
	"Consultation Meeting": "consult_app.access.invitations.meeting_query_conditions",
	"Consultation Outcome": "consult_app.access.invitations.outcome_query_conditions",
	# child tables listed on their own: only the rows of parents the user may list
	"Consultation Council Member": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Department Statement": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Handling Unit User": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Meeting Convener": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Meeting Participant": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Meeting Topic": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Member Group Member": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Member Group Room": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Opinion": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Outcome Progress": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Outcome Recipient": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Participant Expertise": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Plan Topic": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Research Member": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Room Convener": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Room Secretary": "consult_app.access.child_rows.child_query_conditions",
	"Consultation Supervision Entry": "consult_app.access.child_rows.child_query_conditions",
}

has_permission = {
	"Consultation Meeting": "consult_app.access.invitations.meeting_has_permission",
	"Consultation Outcome": "consult_app.access.invitations.outcome_has_permission",
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
