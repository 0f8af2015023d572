from django.http import JsonResponse

from hearth.access.permissions import public
from hearth.access.queries import overdue


@public
def healthz(request):
    """Liveness, database reachability and the audit log's sequencer, for load balancers and
    monitoring: an audit entry left unsequenced longer than
    HEARTH_AUDIT_SEQUENCE_MAX_DELAY_SECONDS is a failure (issue 14). One indexed query."""
    try:
        late = overdue()
    except Exception:  # any database failure is "unavailable", never a 500 page
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if late:
        return JsonResponse({"status": "error", "database": "ok", "audit": late}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "audit": "ok"})
