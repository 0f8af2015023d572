from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access.middleware import note_people_shown
from hearth.access.permissions import SIGNED_IN, requires


@requires(SIGNED_IN)
def notifications(request):
    """The user's messages. A message that names a person is a read of them, audited with
    the page (``Notification.people``, issue 13 item 3)."""
    notes = list(request.user.notifications.all()[:100])
    note_people_shown(pk for note in notes for pk in note.people)
    return render(request, "web/notifications.html", {"notes": notes})


@requires(SIGNED_IN)
@require_POST
def mark_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("web:notifications")
