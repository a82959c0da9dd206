from frappe import _

# Frappe prints a web form's introduction as stored: give Chinese visitors the translated text.
INTRODUCTION = (
	"Tell us about a matter in your village, community or street that residents should consult on together. "
	"The consultation room will screen it and tell you the result."
)


def get_context(context):
	context.introduction_text = _(INTRODUCTION)
	context.title = _("Propose a Topic")
