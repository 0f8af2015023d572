"""Uploads larger than Hearth accepts stop being read (``settings.FILE_UPLOAD_HANDLERS``).

Django's own limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``) cover a request's fields, not its files:
a file of any size would be read to a temporary file. ``SizeLimitedUploadHandler`` stops
reading a file once it passes ``HEARTH_DOCUMENT_MAX_MB`` (the rest is skipped, the other fields
are still read) and marks the request (``too_large(request)``), so that the page or the API
can refuse it with a clear message naming the limit, never a 500.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

MARK = "hearth_upload_too_large"


def limit_bytes() -> int:
    return int(settings.HEARTH_DOCUMENT_MAX_MB * 1024 * 1024)


def too_large(request) -> list[str]:
    """The names of the file fields whose file was too large to read."""
    return list(getattr(request, MARK, []))


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes and skips the file once it passes the limit."""

    def new_file(self, field_name, *args, **kwargs):
        self.received = 0
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > limit_bytes():
            if self.request is not None:
                marked = getattr(self.request, MARK, [])
                setattr(self.request, MARK, [*marked, self.field_name])
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file
