// Copyright (c) 2026, consult_app developers and contributors
// For license information, please see license.txt

// Members evaluate outcomes and record supervision (民主评议, 民主监督: Yancheng Norms art. 21). Those
// fields are a permission level of their own; when the workflow state makes the form read-only for a
// member, these dialogs write just that level.
frappe.ui.form.on("Consultation Outcome", {
	refresh(frm) {
		if (frm.is_new() || !frappe.perm.has_perm(frm.doctype, 1, "write", frm.doc)) return;
		if (frm.perm[1] && frm.perm[1].write) return; // the form itself is editable at that level
		const P = frappe.boot.consult_process.outcome;
		if (frm.doc.workflow_state === P.FEEDBACK_GIVEN) {
			frm.add_custom_button(__("Record Evaluation"), () => record_evaluation(frm));
		}
		if ([...P.OPEN, ...P.IMPLEMENTED_OR_LATER].includes(frm.doc.workflow_state)) {
			frm.add_custom_button(__("Add Supervision Record"), () => add_supervision(frm));
		}
	},
});

function options_of(fieldname, doctype) {
	return frappe.meta.get_docfield(doctype || "Consultation Outcome", fieldname).options;
}

function record_evaluation(frm) {
	frappe.prompt(
		[
			{
				fieldname: "satisfaction",
				fieldtype: "Select",
				label: __("Satisfaction"),
				options: options_of("satisfaction"),
				reqd: 1,
				default: frm.doc.satisfaction,
			},
			{
				fieldname: "evaluation_comment",
				fieldtype: "Small Text",
				label: __("Evaluation Comment"),
				reqd: 1,
				default: frm.doc.evaluation_comment,
			},
		],
		(values) =>
			frappe
				.xcall("frappe.client.set_value", {
					doctype: frm.doctype,
					name: frm.doc.name,
					fieldname: values,
				})
				.then(() => frm.reload_doc()),
		__("Record Evaluation"),
		__("Save")
	);
}

function add_supervision(frm) {
	frappe.prompt(
		[
			{ fieldname: "entry_date", fieldtype: "Date", label: __("Date"), reqd: 1, default: frappe.datetime.get_today() },
			{
				fieldname: "kind",
				fieldtype: "Select",
				label: __("Kind"),
				options: options_of("kind", "Consultation Supervision Entry"),
				reqd: 1,
			},
			{ fieldname: "note", fieldtype: "Small Text", label: __("Note"), reqd: 1 },
		],
		(values) =>
			frappe
				.xcall("frappe.client.insert", {
					doc: {
						doctype: "Consultation Supervision Entry",
						parenttype: frm.doctype,
						parent: frm.doc.name,
						parentfield: "supervision",
						...values,
					},
				})
				.then(() => frm.reload_doc()),
		__("Add Supervision Record"),
		__("Save")
	);
}
