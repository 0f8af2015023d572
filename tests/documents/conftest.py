"""Documents are kept in a folder of each test's own (never the data folder)."""

from __future__ import annotations

import pytest
from django.core.files.storage import FileSystemStorage

from hearth.documents.models import Document


@pytest.fixture(autouse=True)
def document_folder(tmp_path, monkeypatch):
    folder = tmp_path / "documents"
    monkeypatch.setattr(Document._meta.get_field("file"), "storage",
                        FileSystemStorage(location=folder))
    return folder


def stored_files(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
