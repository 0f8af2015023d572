"""Registration points (issue 12): a higher app adds to a lower one; registering twice is
harmless and the order is the order of registration."""

from __future__ import annotations

from hearth.core.registry import Registry


def test_a_registry_keeps_each_callable_once_in_order():
    panels = Registry("person page panels")

    def involvements(person):
        return f"involvements of {person}"

    def warnings(person):
        return f"warnings about {person}"

    panels.register(involvements)
    panels.register(warnings)
    panels.register(involvements)
    assert len(panels) == 2 and list(panels) == [involvements, warnings]
    assert panels.call_all("Jack") == ["involvements of Jack", "warnings about Jack"]
    assert "person page panels: 2" in repr(panels)


def test_first_refusal_is_the_first_check_that_says_no():
    checks = Registry("closure checks")
    checks.register(lambda involvement: None)
    checks.register(lambda involvement: "A follow-up task is still open")
    checks.register(lambda involvement: "never asked")
    assert checks.first_refusal("Jack's involvement") == "A follow-up task is still open"
    assert Registry("empty").first_refusal("anything") is None


def test_register_works_as_a_decorator():
    hooks = Registry("after a visit")

    @hooks.register
    def after_visit(visit):
        return visit

    assert list(hooks) == [after_visit] and after_visit("v") == "v"
