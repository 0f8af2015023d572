from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access.permissions import SIGNED_IN, requires


@requires(SIGNED_IN)
def notifications(request):
    notes = request.user.notifications.all()[:100]
    return render(request, "web/notifications.html", {"notes": notes})


@requires(SIGNED_IN)
@require_POST
def mark_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("web:notifications")
