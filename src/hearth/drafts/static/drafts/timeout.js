// GOV.UK's timeout warning (issue 15, "Nothing lost"): a modal dialog two minutes before the
// idle timeout, with "Stay signed in" (a request that moves the session's expiry on) and
// "Sign out". Any request the page makes (htmx) restarts the clock. When the dialog opens, a
// draftable form on the page saves its draft first. Served from static: the CSP forbids
// inline scripts.
const dialog = document.getElementById("hearth-timeout");
if (dialog) {
  const overlay = document.getElementById("hearth-timeout-overlay");
  const timeout = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const stay = document.getElementById("hearth-timeout-stay");
  let warnTimer, endTimer, returnFocus;

  const saveDrafts = () => {
    document.querySelectorAll("form[data-hearth-draft]").forEach((form) => {
      if (window.htmx) window.htmx.trigger(form, "hearth:save-draft");
    });
  };

  const focusable = () => Array.from(dialog.querySelectorAll("button, [href], input:not([type=hidden])"));

  // While the dialog is open, the rest of the page cannot be reached (GOV.UK's modal).
  const behind = () => Array.from(document.body.children).filter(
    (el) => el !== dialog && el !== overlay && el.tagName !== "SCRIPT");

  const close = () => {
    behind().forEach((el) => { el.inert = false; });
    dialog.hidden = true;
    overlay.hidden = true;
    document.removeEventListener("keydown", onKey, true);
    if (returnFocus) returnFocus.focus();
  };

  const onKey = (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      stayedSignedIn();
    } else if (event.key === "Tab") {  // keep focus inside the dialog
      const items = focusable();
      const first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault(); last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault(); first.focus();
      }
    }
  };

  const open = () => {
    saveDrafts();
    returnFocus = document.activeElement;
    dialog.hidden = false;
    overlay.hidden = false;
    behind().forEach((el) => { el.inert = true; });
    dialog.focus();
    document.addEventListener("keydown", onKey, true);
  };

  const restart = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(open, Math.max(timeout - warning, 0));
    endTimer = setTimeout(() => {
      saveDrafts();
      setTimeout(() => { window.location.href = dialog.dataset.signIn; }, 500);
    }, timeout);
  };

  const stayedSignedIn = () => {
    fetch(stay.action, {method: "POST", body: new FormData(stay), credentials: "same-origin",
                        headers: {"Hearth-Keep-Alive": "1"}})
      .then((response) => {
        if (response.status === 204) { close(); restart(); }
        else { window.location.href = dialog.dataset.signIn; }
      });
  };

  // A draft saved because a field was left is the worker's activity; one saved every 30
  // seconds, or by this script, is not: it says so, and neither the server's idle timeout
  // nor this clock starts again for it.
  const isActivity = (detail) => !detail.elt.hasAttribute("data-hearth-draft")
    || (detail.triggeringEvent && detail.triggeringEvent.type === "change");
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (!isActivity(event.detail)) event.detail.headers["Hearth-Idle"] = "1";
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const headers = (event.detail.requestConfig || {}).headers || {};
    if (dialog.hidden && !headers["Hearth-Idle"]) restart();
  });
  stay.addEventListener("submit", (event) => { event.preventDefault(); stayedSignedIn(); });
  restart();
}
