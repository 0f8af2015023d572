"""Writes of drafts and kept forms. Saving a draft as the worker types writes no audit row
(it would be one a keystroke, and the draft is only the user's own unsaved typing); putting
one back into a form is audited once (``do_open_draft``), as are discarding one and keeping a
form posted after its session ended."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hearth.access.actions.audit import record
from hearth.drafts import rules
from hearth.drafts.models import Draft, KeptForm


@transaction.atomic
def do_save_draft(*, acting_user, kind: str, about: str, fields: dict) -> Draft | None:
    """Keep what ``acting_user`` has typed into the form ``kind`` about ``about`` (a form of
    blank fields removes any draft instead)."""
    if not rules.has_typing(fields):
        Draft.objects.filter(user=acting_user, kind=kind, about=about).delete()
        return None
    draft, _ = Draft.objects.update_or_create(
        user=acting_user, kind=kind, about=about,
        defaults={"fields": fields, "saved_at": timezone.now()})
    return draft


@transaction.atomic
def do_open_draft(draft: Draft, *, acting_user) -> None:
    """The draft was put back into its form: audited once."""
    record("restore_draft", user=acting_user, obj=draft,
           fields={"kind": draft.kind, "about": draft.about})


@transaction.atomic
def do_discard_draft(*, acting_user, kind: str, about: str) -> None:
    if Draft.objects.filter(user=acting_user, kind=kind, about=about).delete()[0]:
        record("discard_draft", user=acting_user, object_type="drafts.draft",
               fields={"kind": kind, "about": about})


def forget_draft(*, user, kind: str, about: str) -> None:
    """The record the draft was for is saved (in the action that saved it, audited there)."""
    Draft.objects.filter(user=user, kind=kind, about=about).delete()


@transaction.atomic
def do_keep_form(*, owner_id, path: str, fields: dict, token: str) -> KeptForm:
    """A form posted after its session ended, kept for its owner for an hour."""
    kept = KeptForm.objects.create(token_digest=rules.digest(token), user_id=owner_id, path=path,
                                   fields=fields, kept_at=timezone.now())
    record("keep_form_after_timeout", obj=kept, fields={"for_user": str(owner_id)})
    return kept


@transaction.atomic
def do_take_kept_form(*, acting_user, token: str, path: str) -> KeptForm | None:
    """The kept form for ``token`` when ``acting_user`` is the one it was kept for and is
    opening the form it was posted to (it is then removed, and its restoring audited). Kept
    for anyone else, it is discarded; for another page, left for its hour."""
    kept = (KeptForm.objects.select_for_update()
            .filter(token_digest=rules.digest(token)).first())
    if kept is None:
        return None
    if rules.kept_form_expired(kept.kept_at, timezone.now()) or kept.user_id != acting_user.pk:
        kept.delete()
        return None
    if kept.path != path:
        return None
    # Every form kept for this user and page in the hour (a late draft save and the submit),
    # merged so that the order they arrived in loses nothing typed.
    same = list(KeptForm.objects.select_for_update().filter(
        user_id=acting_user.pk, path=path,
        kept_at__gte=timezone.now() - timedelta(seconds=rules.KEPT_FORM_SECONDS))
        .order_by("kept_at", "pk"))
    kept.fields = rules.merged_kept([k.fields for k in same] or [kept.fields])
    record("restore_kept_form", user=acting_user, obj=kept,
           fields={"path": kept.path, "kept": len(same)})
    KeptForm.objects.filter(pk__in=[k.pk for k in same] + [kept.pk]).delete()
    return kept


def purge(now=None) -> tuple[int, int]:
    """Delete drafts older than ``HEARTH_DRAFT_DAYS`` and forms kept over an hour."""
    from datetime import timedelta

    now = now or timezone.now()
    drafts = Draft.objects.filter(
        saved_at__lt=now - timedelta(days=settings.HEARTH_DRAFT_DAYS)).delete()[0]
    kept = KeptForm.objects.filter(
        kept_at__lt=now - timedelta(seconds=rules.KEPT_FORM_SECONDS)).delete()[0]
    return drafts, kept
