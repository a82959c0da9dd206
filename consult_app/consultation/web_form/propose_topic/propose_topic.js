frappe.ready(function () {
	// Show the topic's reference number on the success page.
	const web_form = frappe.web_form;
	const handle_success = web_form.handle_success.bind(web_form);
	web_form.handle_success = function (data) {
		handle_success(data);
		if (data && data.name) {
			$(".success-message").append(
				$("<p class='reference-number'>").text(__("Your reference number: {0}", [data.name]))
			);
		}
	};
});
