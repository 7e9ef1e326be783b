from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("personnes/", views.PeopleImportView.as_view(), name="people"),
    path("personnes/modele.xlsx", views.PeopleTemplateView.as_view(), name="people_template"),
]
