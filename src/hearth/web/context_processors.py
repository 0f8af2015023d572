def hearth(request):
    from hearth.access.middleware import second_factor_passed
    from hearth.access.rules import PERMISSIONS

    user = getattr(request, "user", None)
    unread = 0
    permissions: frozenset[str] = frozenset()
    passed = False
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
        permissions = PERMISSIONS.get(user.role, frozenset()) if user.is_active else frozenset()
        # Issue 13: before the second factor, the menu offers only signing out.
        passed = second_factor_passed(user)
    return {"unread_notifications": unread, "hearth_permissions": permissions,
            "second_factor_passed": passed}
