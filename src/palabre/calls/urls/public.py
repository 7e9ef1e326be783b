"""Addresses of the public part: the calls, their feeds, and preparing a call."""

from django.urls import path

from ..views import public as views

CALL = "<int:pk>/"

urlpatterns = [
    path("", views.CallListView.as_view(), name="call_list"),
    path("flux.xml", views.OpenCallsFeed(), name="call_feed"),
    path("flux.rss", views.OpenCallsRssFeed(), name="call_feed_rss"),
    path("nouveau/", views.CallCreateView.as_view(), name="call_create"),
    path(CALL, views.CallDetailView.as_view(), name="call"),
    path(CALL + "modifier/", views.CallEditView.as_view(), name="call_edit"),
    path(CALL + "grille/", views.CallGridView.as_view(), name="call_grid"),
    path(CALL + "etat/", views.CallTransitionView.as_view(), name="call_transition"),
    path(CALL + "termes-de-reference/", views.CallTermsView.as_view(), name="call_terms"),
]
