// Once django-otp-webauthn's script has registered a passkey it only announces it: go on to the
// page the server named (an inline script would break the CSP).
document.addEventListener("otp_webauthn.register_complete", () => {
  const done = document.querySelector("[data-passkey-done]");
  if (done) window.location.assign(done.dataset.passkeyDone);
});
