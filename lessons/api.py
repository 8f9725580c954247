"""Read API for lessons: the published list, and one lesson with its steps in order."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from chronology.api.collections import COLLECTION_PARAMETER, asked_collection
from chronology.api.serializers import EventSerializer
from chronology.preview import drafts_visible
from common.api import LANG_PARAMETER, LanguageMixin
from lessons.models import Lesson
from lessons.selectors import STEP_EVENT_FIELDS, lesson_detail, lesson_list
from sources.api import CitationSerializer


class StepEventSerializer(EventSerializer):
    """The step's event, with the fields of the atlas's event rows that a step shows."""

    def get_fields(self):
        return {name: field for name, field in super().get_fields().items() if name in STEP_EVENT_FIELDS}


class MapViewSerializer(serializers.Serializer):
    center = serializers.ListField(
        child=serializers.FloatField(), allow_null=True, min_length=2, max_length=2, help_text="[lat, lon], or null"
    )
    zoom = serializers.IntegerField(allow_null=True)
    route = serializers.SlugField(allow_null=True, help_text="Route slug the map frames, or null")
    points = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        help_text="[lat, lon] of the places to fit when no centre is given",
    )


class QuoteSourceSerializer(serializers.Serializer):
    source = serializers.SlugField(help_text="Source slug")
    label = serializers.CharField(help_text="How the source is cited, e.g. 'Bayur, 1991'")
    locator = serializers.CharField(help_text="Page or file number")
    locator_estimated = serializers.BooleanField(help_text="The page was estimated from the passage's position")


class QuoteSerializer(serializers.Serializer):
    evidence = serializers.CharField(help_text="The passage, once; empty for the sources cited without one")
    evidence_translation = serializers.CharField(
        required=False, help_text="The curator's translation of the passage, when the citation carries one"
    )
    sources = QuoteSourceSerializer(many=True, help_text="Every source cited through this passage, in order")


class QuestionSerializer(serializers.Serializer):
    prompt = serializers.CharField()
    choices = serializers.ListField(
        child=serializers.CharField(),
        help_text="2 to 6; a student's answer names its choice by number, 1 for the first",
    )


class StepSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1 for the first step; the `step` URL parameter")
    event_slug = serializers.SlugField(allow_null=True, help_text="null when the event was deleted")
    event = StepEventSerializer(allow_null=True, help_text="null when the event was deleted or unpublished")
    message = serializers.CharField(help_text="Why the event is missing, for the class to read; empty if not")
    caption = serializers.CharField()
    teacher_note = serializers.CharField(help_text="For the teacher (presenter view, handout), not for projection")
    date = serializers.CharField(help_text="EDTF date the map shows: the step's own, else its event's")
    map = MapViewSerializer()
    citations = CitationSerializer(many=True)
    quotes = QuoteSerializer(
        many=True, help_text="`citations` grouped by passage: each passage once, with all the sources cited through it"
    )
    question = QuestionSerializer(allow_null=True, help_text="A quick question for a live class; null when none")


class LessonListSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    level = serializers.CharField(help_text="Who the lesson is for, in the asked language; empty if not said")
    minutes = serializers.IntegerField(allow_null=True, help_text="About how long it takes in class; null if not said")
    step_count = serializers.IntegerField()
    language = serializers.CharField(help_text="The language the title is given in")
    fallback = serializers.BooleanField(help_text="The title is not written in the asked language")


class LessonSerializer(serializers.Serializer):
    """A lesson in one language: the one shape every reader of a lesson takes. The atlas page gets the same
    dict (json_script "lesson-data", plus `current_step`, the step its link asked for); present mode and the
    presenter view read it through frontend/static/frontend/present/steps.js; the offline file's maps take
    each step's `map`. tests/cases/lesson_api.json is an example the API and the page's tests both check."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    level = serializers.CharField(help_text="Who the lesson is for; empty if not said")
    minutes = serializers.IntegerField(allow_null=True, help_text="About how long it takes in class; null if not said")
    language = serializers.CharField(help_text="The language asked for")
    fallback = serializers.BooleanField(help_text="Some texts are not written in that language; another is shown")
    fallback_message = serializers.CharField(help_text="Says so to the class; empty if not")
    message = serializers.CharField(help_text="'This lesson has no steps yet.' when it has none; empty if not")
    step_count = serializers.IntegerField()
    steps = StepSerializer(many=True)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, COLLECTION_PARAMETER], responses=LessonListSerializer(many=True)),
    retrieve=extend_schema(parameters=[LANG_PARAMETER], responses=LessonSerializer),
)
class LessonViewSet(LanguageMixin, viewsets.GenericViewSet):
    """Published lessons; a curator's preview (`?preview=1`) sees drafts too."""

    lookup_field = "slug"
    queryset = Lesson.objects.none()  # the rows come from lessons.selectors
    serializer_class = LessonSerializer
    pagination_class = None

    def list(self, request, *args, **kwargs):
        collection = asked_collection(request)
        return Response(LessonListSerializer(lesson_list(lang=self.lang, collection=collection), many=True).data)

    def retrieve(self, request, *args, **kwargs):
        lesson = lesson_detail(slug=kwargs["slug"], lang=self.lang, drafts=drafts_visible(request))
        if lesson is None:
            raise NotFound(f"No published lesson with slug {kwargs['slug']!r}.")
        return Response(LessonSerializer(lesson).data)
