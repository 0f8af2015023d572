// GOV.UK Frontend needs these classes on <body>; set here because the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
import("../govuk/govuk-frontend.min.js").then(({ initAll }) => initAll());
