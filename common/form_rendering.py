"""Form widgets rendered by Jinja2 where Django ships a Jinja2 copy of the template, else as before.

An event's change form renders about a hundred widgets (its fields and five inlines); through Django's
template engine they were a third of the page's time (profile in docs/performance.md, reliability). Django
ships the same widget, form and error templates for Jinja2 (django/forms/jinja2/), written to give the
same HTML, and renders them several times faster. The admin's own widgets (related-object wrappers,
autocomplete, date/time) and any app's templates have no Jinja2 copy and are found by Django's engine, as
with the default renderer.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class JinjaFirstRenderer(BaseRenderer):
    def __init__(self):
        self._jinja2, self._django = Jinja2(), DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self._jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
