from django.apps import AppConfig


def _start_the_absolute_timeout(sender, request, user, **kwargs):
    """Every sign-in (the sign-in page's, a test's ``force_login``) starts the absolute
    session timeout, so the first page after it does not have to write the session."""
    import time

    session = getattr(request, "session", None)
    if session is not None and "signed_in_at" not in session:
        session["signed_in_at"] = time.time()


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        # jobs: registers the purge of idempotency keys and the audit log's sequencer (issue 14)
        from hearth.access import jobs  # noqa: F401
        from hearth.core.database import tune_connection

        connection_created.connect(tune_connection, dispatch_uid="hearth.core.database")
        user_logged_in.connect(_start_the_absolute_timeout,
                               dispatch_uid="hearth.access.signed_in_at")
