import pytest

from hearth.access import queries as audit_trail


@pytest.mark.django_db
def test_creating_the_fletchers_writes_a_verifiable_audit_chain(fletchers):
    result = audit_trail.verify()
    assert result.ok, result.problem
    assert result.checked >= 5
