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
before_request = [
	"consult_app.access.payload_guard.check_request",
	# no filtering, sorting or grouping by a field above the user's permission level (counting would reveal it)
	"consult_app.access.query_guard.check_request",
]
# answers to writes and the form's history carry no field above the user's permission level
after_request = ["consult_app.access.responses.strip_response"]

# Whitelisted methods
# -------------------
# Frappe 15.44 counts without checking permissions: the app's DocTypes are counted as the user's list
override_whitelisted_methods = {
	"frappe.client.get_count": "consult_app.access.counts.get_count",
	# the app's DocTypes are always searched by their standard query (below), never a client-chosen one
	"frappe.desk.search.search_link": "consult_app.access.search.search_link",
	"frappe.desk.search.search_widget": "consult_app.access.search.search_widget",
	# document methods of the app's DocTypes run on the record as stored, not on the client's copy
	"run_doc_method": "consult_app.access.doc_methods.run_doc_method",
	"frappe.handler.run_doc_method": "consult_app.access.doc_methods.run_doc_method",
}

# Link search
# -----------
# the app's DocTypes are searched as the user's list would show them, by their name, title and search
# fields of permission level 0 only (consult_app/access/search.py)
APP_SEARCH = "consult_app.access.search.search"
standard_queries = {
	"Consultation Room": APP_SEARCH,
	"Consultation Topic": APP_SEARCH,
	"Consultation Plan": APP_SEARCH,
	"Consultation Public Call": APP_SEARCH,
	"Consultation Research": APP_SEARCH,
	"Consultation Meeting": APP_SEARCH,
	"Consultation Outcome": APP_SEARCH,
	"Consultation Participant": APP_SEARCH,
	"Consultation Member Group": APP_SEARCH,
	"Consultation Handling Unit": APP_SEARCH,
	"Consultation Expertise": APP_SEARCH,
}

# Jinja
# -----
# the room's collection poster (print format "Room Collection Poster"): the web form's URL and its QR code
jinja = {"methods": ["consult_app.poster.propose_topic_url", "consult_app.poster.qr_code_data_uri"]}

# DocType Class
# -------------
# an Auto Email Report's content is computed as its user (consult_app/email_reports.py)
override_doctype_class = {
	"Auto Email Report": "consult_app.email_reports.ConsultAutoEmailReport",
}

# Boot
# ----
# the process's state names for the browser's scripts (frappe.boot.consult_process)
boot_session = "consult_app.process.boot.boot_session"

# Permissions
# -----------
# Row-level rules User Permissions on rooms cannot express (consult_app/access/): deny by default for a
# room-scoped user without a room, meetings by invitation, outcomes by invitation or assignment, child rows
# with their parent.

ROOM_SCOPE = "consult_app.access.rooms.room_scope_conditions"
permission_query_conditions = {
	"Consultation Room": [ROOM_SCOPE],
	"Consultation Topic": [ROOM_SCOPE],
	"Consultation Plan": [ROOM_SCOPE],
	"Consultation Public Call": [ROOM_SCOPE],
	"Consultation Research": [ROOM_SCOPE],
	"Consultation Participant": [ROOM_SCOPE],
	"Consultation Member Group": [ROOM_SCOPE],
	"Consultation Meeting": [ROOM_SCOPE, "consult_app.access.invitations.meeting_query_conditions"],
	"Consultation Outcome": [ROOM_SCOPE, "consult_app.access.invitations.outcome_query_conditions"],
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

ROW_RULES = "consult_app.access.rows.has_permission"
has_permission = {
	"Consultation Room": ROW_RULES,
	"Consultation Topic": ROW_RULES,
	"Consultation Plan": ROW_RULES,
	"Consultation Public Call": ROW_RULES,
	"Consultation Research": ROW_RULES,
	"Consultation Participant": ROW_RULES,
	"Consultation Member Group": ROW_RULES,
	"Consultation Meeting": ROW_RULES,
	"Consultation Outcome": ROW_RULES,
}

# Document Events
# ---------------
# write permission on the record as stored, and access links changed by the office only
# (consult_app/access/stored.py)

STORED = {"before_validate": "consult_app.access.stored.check_write_on_stored"}
doc_events = {
	"Consultation Topic": STORED,
	"Consultation Plan": STORED,
	"Consultation Public Call": STORED,
	"Consultation Research": STORED,
	"Consultation Meeting": STORED,
	"Consultation Outcome": STORED,
	"Consultation Participant": STORED,
	"Consultation Member Group": STORED,
	"Consultation Room": STORED,
	# a unit with a user gets its weekly ledger by email (consult_app/email_reports.py)
	"Consultation Handling Unit": {
		**STORED,
		"on_update": "consult_app.email_reports.ensure_unit_report",
		"on_trash": "consult_app.email_reports.remove_unit_report",
	},
	"Consultation Expertise": STORED,
}

# Scheduled Tasks
# ---------------
# daily: the quarterly topic-collection reminder and the overdue check of outcomes (交督复); each is safe
# when two schedulers run it at once (consult_app/tasks.py)

scheduler_events = {
	"daily": [
		"consult_app.tasks.remind_collection_deadline",
		"consult_app.tasks.flag_overdue_outcomes",
	],
}
