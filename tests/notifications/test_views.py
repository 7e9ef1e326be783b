import pytest
from django.urls import reverse
from django.utils import timezone

from palabre.notifications.models import Frequency, Notification
from palabre.notifications.selectors import frequency_of

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])


def test_the_list_shows_only_the_users_own_notifications(user, user_client):
    NotificationFactory(recipient=user, subject="Invitation au comité de suivi")
    NotificationFactory(subject="Compte rendu d'un autre membre")

    page = user_client.get(LIST_URL).content.decode()

    assert "Invitation au comité de suivi" in page
    assert "Compte rendu d&#x27;un autre membre" not in page


def test_unread_notifications_are_marked_and_can_be_shown_alone(user, user_client):
    NotificationFactory(recipient=user, subject="Pas encore lue")
    NotificationFactory(recipient=user, subject="Déjà lue", read_at=timezone.now())

    page = user_client.get(LIST_URL).content.decode()
    assert page.count('<span class="badge badge-warn">Unread</span>') == 1

    unread_only = user_client.get(LIST_URL, {"state": "unread"}).content.decode()
    assert "Pas encore lue" in unread_only
    assert "Déjà lue" not in unread_only


def test_filtering_with_htmx_returns_only_the_results(user, user_client):
    NotificationFactory(recipient=user, subject="Pas encore lue")

    response = user_client.get(LIST_URL, {"state": "unread"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="notification-results">')
    assert "Pas encore lue" in page


def test_the_list_is_paginated(user, user_client, settings):
    NotificationFactory.create_batch(settings.PAGE_SIZE + 1, recipient=user)

    page = user_client.get(LIST_URL).content.decode()

    assert page.count('class="notification ') == settings.PAGE_SIZE
    assert "Page 1 of 2" in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(user, user_client):
    notification = NotificationFactory(recipient=user, url="/espaces/comite-cavally/")

    response = user_client.get(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == "/espaces/comite-cavally/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_without_a_page_leads_back_to_the_list(user, user_client):
    for url in ["", "https://ailleurs.example.org/"]:
        notification = NotificationFactory(recipient=user, url=url)
        response = user_client.get(open_url(notification))
        assert response["Location"] == LIST_URL


def test_someone_elses_notification_is_not_found_and_stays_unread(user_client):
    notification = NotificationFactory()

    assert user_client.get(open_url(notification)).status_code == 404

    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(user, user_client):
    NotificationFactory.create_batch(2, recipient=user)
    someone_elses = NotificationFactory()

    response = user_client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "2 notifications marked as read." in response.content.decode()
    assert not user.notifications.filter(read_at__isnull=True).exists()
    assert Notification.objects.get(pk=someone_elses.pk).read_at is None


def test_the_preference_page_shows_the_choice_and_changes_it(user, user_client):
    url = reverse("notifications:preferences")
    page = user_client.get(url).content.decode()
    assert 'value="immediate" required id="id_frequency_0" checked' in page

    response = user_client.post(url, {"frequency": Frequency.DAILY}, follow=True)

    assert "Your e-mail preference has been saved." in response.content.decode()
    assert frequency_of(user) == Frequency.DAILY


def test_an_unknown_preference_is_refused_on_the_form(user, user_client):
    response = user_client.post(reverse("notifications:preferences"), {"frequency": "weekly"})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert frequency_of(user) == Frequency.IMMEDIATE


def test_the_bell_counts_the_unread_notifications(user, user_client):
    NotificationFactory.create_batch(2, recipient=user)
    NotificationFactory(recipient=user, read_at=timezone.now())
    NotificationFactory()

    page = user_client.get(reverse("core:home")).content.decode()
    assert "2 unread notifications" in page
    assert '<span class="bell-count" aria-hidden="true">2</span>' in page

    user_client.post(reverse("notifications:mark_all_read"))
    page = user_client.get(reverse("core:home")).content.decode()
    assert "0 unread notifications" in page
    assert "bell-count" not in page


def test_anonymous_visitors_have_no_bell(client):
    page = client.get(reverse("core:home")).content.decode()

    assert reverse("notifications:list") not in page
