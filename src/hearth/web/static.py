"""Static files, served by WhiteNoise from the web processes themselves."""

from __future__ import annotations

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


class HearthWhiteNoise(WhiteNoiseMiddleware):
    """GOV.UK Frontend's CSS asks for fonts and images at /assets/: serve those too."""

    def __init__(self, get_response=None):
        super().__init__(get_response)
        for prefix, path in settings.STATICFILES_DIRS:
            if prefix == "govuk" and (path / "assets").is_dir():
                self.add_files(str(path / "assets"), prefix="assets/")
