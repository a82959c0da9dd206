// Copyright (c) 2026, consult_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Consultation Meeting", {
	setup(frm) {
		// Hai'an Plan: only participants accepted by the party organisation can be invited
		const accepted = () => ({ filters: { party_accepted: 1, active: 1 } });
		frm.set_query("participant", "participants", accepted);
		frm.set_query("participant", "conveners", accepted);
		frm.set_query("speaker", "opinions", () => ({
			filters: { name: ["in", (frm.doc.participants || []).map((row) => row.participant)] },
		}));
		frm.set_query("topic", "opinions", () => ({
			filters: { name: ["in", (frm.doc.agenda || []).map((row) => row.topic)] },
		}));
		// no research, no consultation: only researched topics go on the agenda
		frm.set_query("topic", "agenda", () => ({
			filters: { workflow_state: ["in", frappe.boot.consult_process.topic.AGENDA_READY] },
		}));
	},

	refresh(frm) {
		show_conveners(frm);
		if (!frm.is_new() && frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Add Participants"), () => add_participants(frm));
		}
		if (!frm.is_new() && frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Send Notice"), () => send_notice(frm));
		}
		if (frm.doc.docstatus === 1 && frappe.model.can_create("Consultation Outcome")) {
			frm.add_custom_button(__("Outcome"), () => make_outcome(frm), __("Create"));
		}
	},
});

function show_conveners(frm) {
	// dual conveners (双召集人): show both
	// names are typed by users: escaped before they go into the intro's HTML
	const names = (frm.doc.conveners || []).map((row) =>
		frappe.utils.escape_html(row.participant_name || row.participant)
	);
	if (names.length) {
		frm.set_intro(__("Conveners: {0}", [names.join(__(", "))]), "blue");
	} else if (!frm.is_new()) {
		frm.set_intro(__("Add at least one convener."), "orange");
	} else {
		frm.set_intro("");
	}
}

function send_notice(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the meeting before sending its notice."));
		return;
	}
	const sent = (r) => {
		if (r && r.message) {
			frappe.show_alert({
				message: __("Notice sent to {0} recipients.", [r.message.recipients.length]),
				indicator: "green",
			});
			frm.reload_doc();
		}
	};
	if (frm.doc.notice_sent_on) {
		// sending it again is an explicit act with a reason, recorded on the meeting
		frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for sending again"), reqd: 1 },
			(values) => frm.call("send_notice", { resend_reason: values.reason }).then(sent),
			__("The notice was already sent on {0}. Send it again?", [frappe.datetime.str_to_user(frm.doc.notice_sent_on)]),
			__("Send Again")
		);
		return;
	}
	frappe.confirm(__("Email the meeting notice to every invited participant?"), () =>
		frm.call("send_notice").then(sent)
	);
}

function add_participants(frm) {
	// the categories are the registry's own options: its metadata is not loaded with the meeting form
	frappe.model.with_doctype("Consultation Participant", () => show_add_participants(frm));
}

function show_add_participants(frm) {
	// chosen from the participant registry by category, with the talent pool's expertise as a filter
	const dialog = new frappe.ui.Dialog({
		title: __("Add Participants"),
		fields: [
			{
				fieldname: "category",
				fieldtype: "Select",
				label: __("Category"),
				options: [""].concat(frappe.meta.get_docfield("Consultation Participant", "category").options.split("\n")),
			},
			{ fieldname: "expertise", fieldtype: "Link", label: __("Expertise"), options: "Consultation Expertise" },
			{ fieldname: "find", fieldtype: "Button", label: __("Find") },
			{ fieldname: "people", fieldtype: "MultiCheck", label: __("Participants"), options: [] },
		],
		primary_action_label: __("Add"),
		primary_action(values) {
			const listed = new Set((frm.doc.participants || []).map((row) => row.participant));
			(values.people || []).filter((name) => !listed.has(name)).forEach((name) => {
				frm.add_child("participants", { participant: name, invited: 1 });
			});
			frm.refresh_field("participants");
			frm.dirty();
			dialog.hide();
		},
	});
	const find = () => {
		const values = dialog.get_values(true);
		const filters = [
			["Consultation Participant", "party_accepted", "=", 1],
			["Consultation Participant", "active", "=", 1],
		];
		if (values.category) filters.push(["Consultation Participant", "category", "=", values.category]);
		if (values.expertise) filters.push(["Consultation Participant Expertise", "expertise", "=", values.expertise]);
		frappe.db
			.get_list("Consultation Participant", { filters, fields: ["name", "full_name", "category"], limit: 200 })
			.then((rows) => {
				const field = dialog.get_field("people");
				field.df.options = rows.map((r) => ({ label: `${r.full_name} (${__(r.category)})`, value: r.name }));
				field.refresh();
			});
	};
	dialog.fields_dict.find.$input.on("click", find);
	dialog.show();
	find();
}

function make_outcome(frm) {
	// one outcome per agenda topic: choose the topic when the agenda has several
	const topics = (frm.doc.agenda || []).map((row) => row.topic);
	const open = (topic) =>
		frappe.model.open_mapped_doc({
			method: "consult_app.consultation.doctype.consultation_meeting.consultation_meeting.make_outcome",
			frm: frm,
			args: { topic: topic },
		});
	if (topics.length <= 1) {
		open(topics[0]);
		return;
	}
	frappe.prompt(
		{ fieldname: "topic", fieldtype: "Select", label: __("Topic"), options: topics, reqd: 1, default: topics[0] },
		(values) => open(values.topic),
		__("Draft an outcome on which topic?")
	);
}
