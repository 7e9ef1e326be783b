from django.urls import path

from ..views import framing as views

NOTE = "espaces/<slug:slug>/reunions/<int:pk>/note-de-cadrage/"
ITEM = NOTE + "ordre-du-jour/<int:item>/"

urlpatterns = [
    path(NOTE, views.FramingNoteView.as_view(), name="framing_note"),
    path(NOTE + "modifier/", views.FramingNoteUpdateView.as_view(), name="framing_note_edit"),
    path(
        NOTE + "ordre-du-jour/ajouter/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_item_add",
    ),
    path(ITEM + "modifier/", views.AgendaItemUpdateView.as_view(), name="agenda_item_edit"),
    path(ITEM + "supprimer/", views.AgendaItemDeleteView.as_view(), name="agenda_item_delete"),
    path(ITEM + "deplacer/", views.AgendaItemMoveView.as_view(), name="agenda_item_move"),
    path(NOTE + "workflow/", views.FramingNoteActionView.as_view(), name="framing_note_action"),
    path(
        NOTE + "commentaires/",
        views.FramingNoteCommentView.as_view(),
        name="framing_note_comment",
    ),
    path(NOTE + "versions/", views.FramingNoteVersionsView.as_view(), name="framing_note_versions"),
    path(
        NOTE + "document.<str:fmt>",
        views.FramingNoteDocumentView.as_view(),
        name="framing_note_document",
    ),
]
