// GOV.UK Frontend needs these classes on <body>; set here because the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

import("../govuk/govuk-frontend.min.js").then(({ initAll }) => {
  initAll();
  // Content that htmx swaps in gets its GOV.UK components started too.
  document.body.addEventListener("htmx:load", (event) => {
    if (event.detail.elt !== document.body) initAll({ scope: event.detail.elt });
  });
});

// "Print this page" buttons (an inline onclick would break the CSP).
document.querySelectorAll("[data-hearth-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// After an in-place update, move focus where a screen reader user needs it: the error summary
// (GOV.UK's component focuses itself) or else the results heading, which announces the count.
document.body.addEventListener("htmx:afterSettle", () => {
  const main = document.getElementById("main-content");
  if (!main || main.querySelector(".govuk-error-summary")) return;
  const heading = main.querySelector("#results");
  if (heading) heading.focus();
});

// Conditionally revealed questions (GOV.UK's radios pattern, e.g. the contact decision): a
// radio with aria-controls shows the questions it controls only while it is chosen. Hearth
// does this itself, without GOV.UK's aria-expanded on a radio, which ARIA does not allow.
document.querySelectorAll(".govuk-radios__input[aria-controls]").forEach((radio) => {
  const group = document.querySelectorAll(`input[type=radio][name="${radio.name}"]`);
  const sync = () => {
    const shown = document.getElementById(radio.getAttribute("aria-controls"));
    if (shown) shown.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
  };
  group.forEach((other) => other.addEventListener("change", sync));
  sync();
});
