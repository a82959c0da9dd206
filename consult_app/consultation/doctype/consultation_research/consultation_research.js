// Copyright (c) 2026, consult_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Consultation Research", {
	setup(frm) {
		// research starts once the topic is publicized (Yancheng Norms art. 14–15)
		frm.set_query("topic", () => ({
			filters: { workflow_state: ["in", frappe.boot.consult_process.topic.RESEARCHABLE] },
		}));
		frm.set_query("participant", "team", () => ({ filters: { active: 1 } }));
	},

	refresh(frm) {
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Join Research Team"), () => {
				if (frm.is_dirty()) {
					frappe.msgprint(__("Save the research record first."));
					return;
				}
				frm.call("join_team").then((r) => {
					if (r && r.message) {
						frappe.show_alert({
							message: __("{0} joined the research team.", [r.message.full_name]),
							indicator: "green",
						});
						frm.reload_doc();
					}
				});
			});
		}
	},
});
