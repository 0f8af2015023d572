from django.urls import include, path

from hearth.access.urls import passkey_urlpatterns
from hearth.api import api
from hearth.web.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("hearth.web.urls")),
    path("", include("hearth.drafts.urls", namespace="drafts")),
    path("sign-in/passkeys/", include((passkey_urlpatterns, "otp_webauthn"))),
    path("", include("hearth.frontdoor.urls.contacts", namespace="contacts")),
    path("", include("hearth.frontdoor.urls.mash", namespace="mash")),
    path("", include("hearth.casework.urls", namespace="casework")),
    path("", include("hearth.assessments.urls", namespace="assessments")),
    path("", include("hearth.visits.urls", namespace="visits")),
    path("", include("hearth.documents.urls", namespace="documents")),
    path("", include("hearth.records.urls", namespace="records")),
    path("", include("hearth.chronology.urls", namespace="chronology")),
    path("", include("hearth.releases.urls", namespace="releases")),
    path("", include("hearth.engagement.urls", namespace="engagement")),
    path("", include("hearth.safety.urls", namespace="safety")),
    path("", include("hearth.incidents.urls", namespace="incidents")),
    path("", include("hearth.supervision.urls", namespace="supervision")),
    path("", include("hearth.protection.urls", namespace="protection")),
    path("", include("hearth.tasks.urls", namespace="tasks")),
    path("", include("hearth.lado.urls", namespace="lado")),
    path("", include("hearth.differences.urls", namespace="differences")),
    path("", include("hearth.fgc.urls", namespace="fgc")),
    path("", include("hearth.cin.urls", namespace="cin")),
    path("", include("hearth.missing.urls", namespace="missing")),
    path("", include("hearth.looked_after.urls", namespace="looked_after")),
    path("", include("hearth.leaving_care.urls", namespace="leaving_care")),
]

handler404 = "hearth.web.views.errors.not_found"
handler403 = "hearth.web.views.errors.forbidden"
handler500 = "hearth.web.views.errors.server_error"
handler400 = "hearth.web.views.errors.bad_request"
