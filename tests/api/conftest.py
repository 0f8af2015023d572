"""The whole-API tests call the API as the named users, as the robustness tests do."""

from tests.robustness.conftest import api  # noqa: F401  (the fixture)
