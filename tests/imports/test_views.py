import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from palabre.directory.models import Person
from palabre.imports.columns import PEOPLE_COLUMNS
from palabre.imports.forms import MAX_UPLOAD_BYTES
from palabre.imports.readers import read_table
from palabre.jobs.models import Job, JobStatus
from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, member_user

from .factories import BAD_ROWS, GOOD_ROWS, csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

URL = reverse("imports:people")


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def secretariat(client, space):
    user = member_user(space, role=Role.SECRETARIAT)
    client.force_login(user)
    return user


def test_secretariat_imports_a_file_and_sees_the_counts_on_the_job_page(client, secretariat):
    response = client.post(URL, {"file": upload("liste.csv", csv_bytes(GOOD_ROWS, bom=True))})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.name, job.status, job.created_by) == (
        "directory.import_people",
        JobStatus.SUCCEEDED,
        secretariat,
    )
    # 4 people plus the secretariat's own directory entry
    assert Person.objects.exclude(user=secretariat).count() == 4
    page = client.get(job.get_absolute_url()).content.decode()
    assert "4 new, 0 completed" in page


def test_bad_rows_are_shown_in_a_table_and_nothing_is_stored(client, secretariat):
    before = Person.objects.count()

    response = client.post(URL, {"file": upload("liste.csv", csv_bytes(BAD_ROWS))}, follow=True)

    assert Person.objects.count() == before
    page = response.content.decode()
    assert "Nothing was imported: 4 problems" in page
    for line, column in ((3, "Sexe"), (4, "E-mail"), (5, "Nom"), (6, "Téléphone")):
        assert f'data-label="Line">{line}</td>' in page
        assert f">{column}</td>" in page


def test_dry_run_from_the_web_stores_nothing(client, secretariat):
    before = Person.objects.count()

    response = client.post(
        URL, {"file": upload("liste.xlsx", xlsx_bytes(GOOD_ROWS)), "dry_run": "on"}, follow=True
    )

    assert "nothing stored (trial run): 4 new" in response.content.decode()
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("liste.pdf", b"%PDF-1.4", "neither a .csv nor a .xlsx"),
        ("liste.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "the limit is 5.0"),
    ],
)
def test_wrong_files_are_refused_by_the_form(client, secretariat, name, content, message):
    response = client.post(URL, {"file": upload(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_a_member_gets_403_and_nothing_is_stored(client, space):
    client.force_login(member_user(space))
    before = Person.objects.count()

    response = client.post(URL, {"file": upload("liste.csv", csv_bytes(GOOD_ROWS))})

    assert response.status_code == 403
    assert Person.objects.count() == before
    assert not Job.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.post(URL, {"file": upload("liste.csv", csv_bytes(GOOD_ROWS))})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Person.objects.exists()


def test_the_form_page_lists_the_columns_and_links_the_template(client, secretariat):
    page = client.get(URL).content.decode()

    assert reverse("imports:people_template") in page
    assert "Courriel" in page  # an alias of the e-mail column
    assert 'enctype="multipart/form-data"' in page


def test_the_template_has_the_french_headers_and_imports_back_cleanly(client, secretariat):
    response = client.get(reverse("imports:people_template"))

    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Prénom", "Nom", "E-mail", "Téléphone"]
    # every header of the template is understood by the import itself
    table = read_table(io.BytesIO(response.content), "modele.xlsx")
    assert [PEOPLE_COLUMNS.field_of(name) for name in table.header] == [
        column.field for column in PEOPLE_COLUMNS.columns.values() if column.in_template
    ]


def test_a_member_cannot_download_the_template(client, space):
    client.force_login(member_user(space))

    assert client.get(reverse("imports:people_template")).status_code == 403
