from django.utils.functional import SimpleLazyObject

from hearth.core.compiled import compiled


@compiled
def _unread_of(p):
    from hearth.access.models import Notification

    return Notification.objects.filter(user_id=p.integer("user"), read_at__isnull=True)


def _unread(request) -> int:
    """The user's unread notifications, counted once a request (a page that renders panels
    runs the context processors for each) and only if a template asks."""
    if not hasattr(request, "_hearth_unread"):
        request._hearth_unread = _unread_of.count(user=request.user.pk)
    return request._hearth_unread


def hearth(request):
    from hearth.access.middleware import second_factor_passed
    from hearth.access.rules import PERMISSIONS

    user = getattr(request, "user", None)
    unread: object = 0
    permissions: frozenset[str] = frozenset()
    passed = False
    if user is not None and user.is_authenticated:
        unread = SimpleLazyObject(lambda: _unread(request))
        permissions = PERMISSIONS.get(user.role, frozenset()) if user.is_active else frozenset()
        # Issue 13: before the second factor, the menu offers only signing out.
        passed = second_factor_passed(user)
    from django.conf import settings

    from hearth.core.sessions import REFRESH_SECONDS

    # The timeout warning (issue 15) counts from the earliest the session may end: the session
    # row's expiry is moved on at most once a minute.
    return {"unread_notifications": unread, "hearth_permissions": permissions,
            "second_factor_passed": passed,
            "timeout_seconds": settings.SESSION_COOKIE_AGE - REFRESH_SECONDS,
            "warning_seconds": settings.HEARTH_SESSION_WARNING_SECONDS}
