def hearth(request):
    from hearth.access.rules import PERMISSIONS

    user = getattr(request, "user", None)
    unread = 0
    permissions: frozenset[str] = frozenset()
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
        permissions = PERMISSIONS.get(user.role, frozenset()) if user.is_active else frozenset()
    return {"unread_notifications": unread, "hearth_permissions": permissions}
