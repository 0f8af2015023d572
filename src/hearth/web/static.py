"""Static files, served by WhiteNoise from the web processes themselves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

#: The files each configuration found, by ``_scan_key()``: WhiteNoise looks at every static
#: file (about a thousand) when its middleware is made, which a web process does once but the
#: test client does for every client it makes (a fifth of a second each: about a third of the
#: test suite's time before the scan was kept).
_SCANS: dict[tuple, dict[str, Any]] = {}


def _scan_key() -> tuple:
    """Everything the files found, and the way each is served, depend on."""
    whitenoise = sorted((name, repr(getattr(settings, name))) for name in dir(settings)
                        if name.startswith("WHITENOISE_"))
    return (str(settings.STATIC_ROOT), settings.STATIC_URL, settings.DEBUG,
            settings.FORCE_SCRIPT_NAME, repr(settings.STATICFILES_DIRS),
            repr(settings.STORAGES.get("staticfiles")), tuple(whitenoise))


class HearthWhiteNoise(WhiteNoiseMiddleware):
    """GOV.UK Frontend's CSS asks for fonts and images at /assets/: serve those too.

    The files are found once a process for a configuration and shared by every instance."""

    def __init__(self, get_response=None):
        key = _scan_key()
        self._scanned = _SCANS.get(key)
        super().__init__(get_response)
        if self._scanned is not None:
            self.files = self._scanned
            return
        for prefix, path in settings.STATICFILES_DIRS:
            if prefix == "govuk" and (path / "assets").is_dir():
                self.add_files(str(path / "assets"), prefix="assets/")
        _SCANS[key] = self.files

    def add_files(self, root, prefix=None):
        if self._scanned is None:
            super().add_files(root, prefix)

    def add_files_from_finders(self):
        if self._scanned is None:
            super().add_files_from_finders()
