from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "hearth.web"
    label = "web"

    def ready(self) -> None:
        from hearth.core import jinja
        from hearth.web.templatetags.hearth import action_label

        jinja.FILTERS["action_label"] = action_label  # the record history's words
