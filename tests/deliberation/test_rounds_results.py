"""A prioritisation round counted by hand: six voters in two colleges, per college and overall,
for dot voting and for a ranking (Borda count), with the tie-breaks the page states. (Three per
college: a college of fewer ballots is shown with others, so that its voters cannot deduce each
other's ballots; that rule has its own test.)"""

import csv
import io

import pytest
from django.urls import reverse

from palabre.deliberation.models import RoundMethod, RoundStatus
from palabre.deliberation.selectors_rounds import college_groups, round_results
from palabre.deliberation.services.rounds import ballot_cast, round_close
from palabre.spaces.models import College, Role
from tests.spaces.factories import CollegeFactory, SpaceFactory, member_user

from .factories_themes import RoundFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    space = SpaceFactory(slug="concertation")
    diaspora = CollegeFactory(space=space, name="Diaspora", order=1)
    regions = CollegeFactory(space=space, name="Régions", order=2)
    themes = {
        "A": ThemeFactory(space=space, title="Agro-transformation du cacao"),
        "B": ThemeFactory(space=space, title="Débarcadère de pêche de San-Pédro"),
        "C": ThemeFactory(space=space, title="Logistique du port de San-Pédro"),
        "D": ThemeFactory(space=space, title="Tourisme à Grand-Béréby"),
    }
    voters = {
        "v1": member_user(space, college=diaspora),
        "v2": member_user(space, college=diaspora),
        "v3": member_user(space, college=diaspora),
        "v4": member_user(space, college=regions),
        "v5": member_user(space, college=regions),
        "v6": member_user(space, college=regions),
    }
    secretariat = member_user(space, role=Role.SECRETARIAT, college=None)
    return space, themes, voters, secretariat


def cast(round, voters, themes, ballots, key):
    for voter, values in ballots.items():
        ballot_cast(
            round=round,
            voter=voters[voter],
            **{key: {themes[letter].pk: value for letter, value in values.items()}},
        )


def table(ranking) -> list[tuple]:
    return [(row.position, row.title[:4], row.score, row.voters, row.tied) for row in ranking.rows]


# Dot voting, 10 points each (fewer may be given):
#
#            A   B   C   D   college
#   v1       6   .   4   .   Diaspora
#   v2       .   2   .   5   Diaspora
#   v3       .   .   4   3   Diaspora
#   v4       6   4   .   .   Régions
#   v5       .   6   .   4   Régions
#   v6       .   .   5   5   Régions
#
# Overall: A 12 (2 voters), B 12 (3), C 13 (3), D 17 (4) → D, C, B (12 points like A, but
# from more voters), A.
# Diaspora: A 6 (1), B 2 (1), C 8 (2), D 8 (2) → C and D tie on points and voters: the title
# decides (“Logistique…” before “Tourisme…”), then A, B.
# Régions: A 6 (1), B 10 (2), C 5 (1), D 9 (2) → B, D, A, C.
DOT_BALLOTS = {
    "v1": {"A": 6, "C": 4},
    "v2": {"B": 2, "D": 5},
    "v3": {"C": 4, "D": 3},
    "v4": {"A": 6, "B": 4},
    "v5": {"B": 6, "D": 4},
    "v6": {"C": 5, "D": 5},
}
DOT_OVERALL = [
    (1, "Tour", 17, 4, False),
    (2, "Logi", 13, 3, False),
    (3, "Déba", 12, 3, False),
    (4, "Agro", 12, 2, False),
]
DOT_DIASPORA = [
    (1, "Logi", 8, 2, True),
    (2, "Tour", 8, 2, True),
    (3, "Agro", 6, 1, False),
    (4, "Déba", 2, 1, False),
]
DOT_REGIONS = [
    (1, "Déba", 10, 2, False),
    (2, "Tour", 9, 2, False),
    (3, "Agro", 6, 1, False),
    (4, "Logi", 5, 1, False),
]


def test_dot_voting_gives_the_hand_computed_ranking(world):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()), points=10)
    cast(round, voters, themes, DOT_BALLOTS, "points")
    round_close(round=round, actor=secretariat)

    results = round_results(round)

    assert results.ballots == 6
    assert table(results.overall) == DOT_OVERALL
    assert [(r.label, r.ballots) for r in results.colleges] == [("Diaspora", 3), ("Régions", 3)]
    assert table(results.colleges[0]) == DOT_DIASPORA
    assert table(results.colleges[1]) == DOT_REGIONS


# Ranking among n = 4 themes: rank r gives 4 − r + 1 points, an unranked theme 0.
#
#            A   B   C   D   college
#   v1       1   .   2   .   Diaspora     A 4, C 3
#   v2       3   1   4   2   Diaspora     B 4, D 3, A 2, C 1
#   v3       .   .   .   1   Diaspora     D 4
#   v4       1   2   3   4   Régions      A 4, B 3, C 2, D 1
#   v5       2   1   .   .   Régions      B 4, A 3
#   v6       .   .   1   2   Régions      C 4, D 3
#
# Overall: A 13 (4 voters), B 11 (3), C 10 (4), D 11 (4) → A, D (11 like B, from more voters),
# B, C.
# Diaspora: A 6 (2), B 4 (1), C 4 (2), D 7 (2) → D, A, C (more voters than B), B.
# Régions: A 7 (2), B 7 (2), C 6 (2), D 4 (2) → A and B tie: by title; then C, D.
RANKED_BALLOTS = {
    "v1": {"A": 1, "C": 2},
    "v2": {"A": 3, "B": 1, "C": 4, "D": 2},
    "v3": {"D": 1},
    "v4": {"A": 1, "B": 2, "C": 3, "D": 4},
    "v5": {"A": 2, "B": 1},
    "v6": {"C": 1, "D": 2},
}
RANKED_OVERALL = [
    (1, "Agro", 13, 4, False),
    (2, "Tour", 11, 4, False),
    (3, "Déba", 11, 3, False),
    (4, "Logi", 10, 4, False),
]
RANKED_DIASPORA = [
    (1, "Tour", 7, 2, False),
    (2, "Agro", 6, 2, False),
    (3, "Logi", 4, 2, False),
    (4, "Déba", 4, 1, False),
]
RANKED_REGIONS = [
    (1, "Agro", 7, 2, True),
    (2, "Déba", 7, 2, True),
    (3, "Logi", 6, 2, False),
    (4, "Tour", 4, 2, False),
]


def test_a_ranking_gives_the_hand_computed_borda_count(world):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()), method=RoundMethod.RANKING)
    cast(round, voters, themes, RANKED_BALLOTS, "ranks")
    round_close(round=round, actor=secretariat)

    results = round_results(round)

    assert table(results.overall) == RANKED_OVERALL
    assert table(results.colleges[0]) == RANKED_DIASPORA
    assert table(results.colleges[1]) == RANKED_REGIONS


def test_the_results_page_states_the_method_and_shows_both_levels(client, world):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()), method=RoundMethod.RANKING)
    cast(round, voters, themes, RANKED_BALLOTS, "ranks")
    round_close(round=round, actor=secretariat)

    page = client.get(round.get_absolute_url()).content.decode()  # a visitor: public space

    assert "Ranking (Borda count): each voter ranked all the themes" in page
    assert "a theme ranked r gets 4 − r + 1 points" in page
    assert "Overall (6 ballots)" in page
    assert "Diaspora — 3 ballots" in page and "Régions — 3 ballots" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3  # overall + 2 colleges
    assert "<title>All voters: Borda points per theme</title>" in page
    assert "(tie broken)" in page


def test_the_results_export_has_every_scope_and_no_ballot(client, world):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()), title="Priorités 2027")
    cast(round, voters, themes, DOT_BALLOTS, "points")
    round_close(round=round, actor=secretariat)
    export = reverse("deliberation:round_export", args=[space.slug, round.pk])

    response = client.get(f"{export}?format=csv")

    assert response["Content-Disposition"] == 'attachment; filename="resultats-priorites-2027.csv"'
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0] == ["Voters", "Ballots", "Position", "Theme", "Score", "Voters who scored it"]
    assert rows[1] == ["All voters", "6", "1", "Tourisme à Grand-Béréby", "17", "4"]
    assert len(rows) == 1 + 4 * 3
    assert rows[5] == ["Diaspora", "3", "1", "Logistique du port de San-Pédro", "8", "2"]
    emails = {voter.email for voter in voters.values()}
    assert not any(cell in emails for row in rows for cell in row)

    xlsx = client.get(f"{export}?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get(f"{export}?format=pdf").status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_results_document_carries_the_chart(client, world, fmt):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()))
    cast(round, voters, themes, DOT_BALLOTS, "points")
    round_close(round=round, actor=secretariat)
    client.force_login(voters["v1"])

    response = client.get(reverse("deliberation:round_document", args=[space.slug, round.pk, fmt]))

    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    if fmt == "docx":
        import zipfile

        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        assert any(name.startswith("word/media/") for name in names)  # the chart, as a picture


def test_results_stay_hidden_while_the_round_is_open(client, world):
    space, themes, voters, secretariat = world
    round = RoundFactory(space=space, themes=list(themes.values()))
    cast(round, voters, themes, DOT_BALLOTS, "points")
    client.force_login(secretariat)

    page = client.get(round.get_absolute_url()).content.decode()

    assert round.status == RoundStatus.OPEN
    assert "6 ballots cast" in page and "Diaspora: 3" in page
    assert "Counting method:" in page and "results are published when the round closes" in page
    assert 'class="chart"' not in page and "Overall (" not in page
    for name in ("round_export", "round_document"):
        args = [space.slug, round.pk] + (["pdf"] if name == "round_document" else [])
        assert client.get(reverse(f"deliberation:{name}", args=args)).status_code == 403


def test_a_college_of_few_ballots_is_shown_with_others_so_nobody_deduces_a_ballot(world):
    space, themes, voters, secretariat = world
    partners = CollegeFactory(space=space, name="Partenaires", order=3)
    lone = member_user(space, college=partners)
    round = RoundFactory(space=space, themes=list(themes.values()))
    cast(round, voters, themes, DOT_BALLOTS, "points")
    ballot_cast(round=round, voter=lone, points={themes["A"].pk: 10})
    round_close(round=round, actor=secretariat)

    results = round_results(round)

    # Alone, the partners' column would be the lone partner's ballot; with the smallest group
    # shown, and the overall minus the others gives nothing away either.
    assert [(r.label, r.ballots) for r in results.colleges] == [
        ("Diaspora, with the colleges of few ballots", 4),
        ("Régions", 3),
    ]
    assert results.pooled and results.overall.ballots == 7
    assert table(results.colleges[1]) == DOT_REGIONS


def test_small_colleges_are_pooled_when_they_are_enough_together():
    colleges = {
        1: College(pk=1, name="Régions", order=1),
        2: College(pk=2, name="Diaspora", order=2),
        3: College(pk=3, name="Partenaires", order=3),
    }

    assert college_groups({1: 5, 2: 1, 3: 2, None: 1}, colleges) == [
        ("Régions", [1]),
        ("Other colleges, together", [2, 3, None]),
    ]
    assert college_groups({1: 5, 2: 4, 3: 1}, colleges) == [
        ("Régions", [1]),
        ("Diaspora, with the colleges of few ballots", [2, 3]),
    ]
    # One group only: the results per college would repeat the overall.
    assert college_groups({1: 5, 3: 2}, colleges) == []
    assert college_groups({2: 2, 3: 2}, colleges) == []
