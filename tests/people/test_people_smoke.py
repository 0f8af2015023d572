import pytest

from hearth.access import audit


@pytest.mark.django_db
def test_creating_the_fletchers_writes_a_verifiable_audit_chain(fletchers):
    result = audit.verify()
    assert result.ok, result.problem
    assert result.checked >= 5
