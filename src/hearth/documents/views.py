"""Document pages: a person's documents, a record's documents with the form to add one, and
the download. Views parse, call one action and render; a record or document the user may not
see is 404. A download is always an attachment, never shown in the browser, with a sandbox
policy and no content sniffing."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.core.uploads import too_large
from hearth.documents import queries, rules
from hearth.documents.actions import documents as actions
from hearth.documents.forms import DocumentForm
from hearth.documents.models import Document
from hearth.documents.queries import PERSON


def rows(documents) -> list[dict]:
    return [{"document": d, "attached": queries.attached_to(d)} for d in documents]


def _page(request, code: str, record_id):
    target, record = queries.get_visible_record(request.user, code, record_id)
    can_add = request.user.has_hearth_permission("documents.add")
    form = None
    status = 200
    if request.method == "POST":
        if not can_add:
            raise Http404("No such page.")
        form = DocumentForm(request.POST, request.FILES)
        if too_large(request):
            limit = rules.limit_text(float(_max_mb()))
            form.is_valid()
            form.errors.pop("file", None)  # not "choose a file": the file was too large
            form.add_error("file", f"The file must be smaller than {limit}.")
            status = 400
        else:
            outcome = attempt(form, lambda data: actions.do_add_document(
                target, record, acting_user=request.user, upload=data["file"],
                kind=data["kind"], dated=data["dated"], source=data["source"],
                description=data["description"], seen_by=data["seen_by"],
                named_users=data["named_users"]))
            if outcome:
                messages.success(request, "Document added.")
                return redirect(request.path)
            status = outcome.status
    elif can_add:
        form = DocumentForm()
    person = target.person_of(record)
    actions.record_list_view(person or record, user=request.user)
    documents = (queries.documents_about(request.user, person)
                 if code == PERSON and person is not None
                 else queries.documents_on(request.user, target, record))
    return render(request, "documents/list.html", {
        "target": target, "record": record, "person": person, "form": form,
        "rows": rows(documents), "record_page": queries.record_page(target, record),
        "max_mb": rules.limit_text(float(_max_mb()))}, status=status)


def _max_mb() -> float:
    return settings.HEARTH_DOCUMENT_MAX_MB


@requires("documents.view")
@require_http_methods(["GET", "POST"])
def person_documents(request, person_id):
    return _page(request, PERSON, person_id)


@requires("documents.view")
@require_http_methods(["GET", "POST"])
def record_documents(request, code: str, record_id: int):
    if code == PERSON:
        raise Http404("No such record.")
    return _page(request, code, record_id)


def file_response(document: Document) -> FileResponse:
    """The file as a download: never inline, never sniffed, never active."""
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.file_name,
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@requires("documents.view")
@require_http_methods(["GET"])
def download(request, document_id: int):
    document = queries.get_visible_document(request.user, document_id)
    actions.record_download(document, user=request.user)
    return file_response(document)
