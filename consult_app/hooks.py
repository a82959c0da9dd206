app_name = "consult_app"
app_title = "Consultation"
app_publisher = "consult_app developers"
app_description = "Grassroots consultation rooms (有事好商量 协商议事室): topics, research, meetings, outcomes"
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

fixtures = [
	{"dt": "Role", "filters": [["role_name", "in", CONSULT_ROLES]]},
]

# Automatically update python controller files with type annotations for this app.
export_python_type_annotations = True
