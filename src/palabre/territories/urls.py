from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.TerritoryListView.as_view(), name="list"),
    path("regions/<int:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
]
