/* app.js - small enhancements of the pages; every page works without it
 * (the Content-Security-Policy allows this file and no inline script).
 * - the import form: choose a file instead of pasting it (read here into
 *   the text box, which is what is sent);
 * - the calendar page: a button that copies the feed address. */
"use strict";

function trackerFileIntoTextarea() {
	var file = document.getElementById("import-file");
	var area = document.getElementById("f-import-document");

	if (!file || !area || !window.FileReader)
		return;
	file.parentNode.hidden = false;
	file.addEventListener("change", function () {
		var reader = new FileReader();

		if (!file.files.length)
			return;
		reader.onload = function () { area.value = reader.result; };
		reader.readAsText(file.files[0], "utf-8");
	});
}

function trackerCopyButton() {
	var button = document.getElementById("copy-feed");
	var field = document.getElementById("feed-url");

	if (!button || !field)
		return;
	button.hidden = false;
	button.addEventListener("click", function () {
		field.select();
		if (navigator.clipboard)
			navigator.clipboard.writeText(field.value);
		else
			document.execCommand("copy");
		button.textContent = button.getAttribute("data-done");
	});
}

document.addEventListener("DOMContentLoaded", function () {
	trackerFileIntoTextarea();
	trackerCopyButton();
});
