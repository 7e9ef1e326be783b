"""Addresses of the register part of the knowledge of a space."""

from django.urls import path

from ..views import register as views

REGISTER = "espaces/<slug:slug>/connaissances/"
LESSON = REGISTER + "lecons/<int:pk>/"
RECOMMENDATION = REGISTER + "recommandations/<int:pk>/"

urlpatterns = [
    path(REGISTER, views.RegisterView.as_view(), name="register"),
    path(REGISTER + "export.<str:fmt>", views.RegisterExportView.as_view(), name="register_export"),
    path(REGISTER + "lecons/nouvelle/", views.LessonCreateView.as_view(), name="lesson_create"),
    path(LESSON, views.LessonView.as_view(), name="lesson"),
    path(LESSON + "modifier/", views.LessonEditView.as_view(), name="lesson_edit"),
    path(
        REGISTER + "recommandations/nouvelle/",
        views.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path(RECOMMENDATION, views.RecommendationView.as_view(), name="recommendation"),
    path(
        RECOMMENDATION + "modifier/",
        views.RecommendationEditView.as_view(),
        name="recommendation_edit",
    ),
    path(RECOMMENDATION + "suivi/", views.FollowUpView.as_view(), name="follow_up"),
    path(
        REGISTER + "capturer/compte-rendu/<int:minutes_pk>/",
        views.CaptureMinutesView.as_view(),
        name="capture_minutes",
    ),
    path(
        REGISTER + "capturer/outil/<int:tool_pk>/",
        views.CaptureToolView.as_view(),
        name="capture_tool",
    ),
]
