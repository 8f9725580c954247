from django.urls import path

from live import api
from live.stream import live_events

urlpatterns = [
    path("api/v1/live/", api.LiveStartView.as_view(), name="live-start"),
    path("api/v1/live/<str:code>/", api.LiveStateView.as_view(), name="live-state"),
    *[
        path(f"api/v1/live/<str:code>/{action}/", api.LiveChangeView.as_view(action=action), name=f"live-{action}")
        for action in api.ACTIONS
    ],
    path("api/v1/live/<str:code>/answers/", api.LiveAnswersView.as_view(), name="live-answers"),
    path("live/<str:code>/events", live_events, name="live-events"),
]
