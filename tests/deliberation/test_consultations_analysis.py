"""The maths of a consultation on numpy arrays alone: planted opinion groups are found, and so is
the statement everyone agrees with; the edge cases do not break it."""

import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from palabre.deliberation.analysis import (
    AGREE,
    DISAGREE,
    MAP_POINTS,
    MIN_VOTES,
    analyse,
    smoothed,
    vote_matrix,
)

from .factories_consultations import planted_votes


def analysed(planted, **kwargs):
    matrix = vote_matrix(planted.participants + 1000, planted.statements + 1, planted.values)
    return matrix, analyse(matrix, **kwargs)


def planted_labels(planted, matrix, analysis):
    """The planted group of each participant on the map, in the analysis' order."""
    return planted.groups[matrix.participant_ids[analysis.placed] - 1000]


@pytest.mark.parametrize(
    ("participants", "statements", "density", "seed"),
    [(5000, 300, 0.3, 1), (400, 40, 0.3, 2), (150, 30, 0.5, 3), (150, 30, 0.5, 4)],
)
def test_two_planted_groups_are_recovered_with_their_consensus(
    participants, statements, density, seed
):
    planted = planted_votes(participants, statements, density=density, seed=seed)
    matrix, analysis = analysed(planted)

    assert analysis.group_count == 2
    ari = adjusted_rand_score(planted_labels(planted, matrix, analysis), analysis.labels)
    assert ari >= 0.9
    consensus = [matrix.statement_ids[item["index"]] for item in analysis.consensus]
    assert consensus[0] == planted.consensus + 1
    assert analysis.consensus[0]["direction"] == AGREE
    # Every other statement splits the groups: none of them is a consensus, all are divisive.
    assert consensus == [planted.consensus + 1]
    divisive = {matrix.statement_ids[item["index"]] for item in analysis.divisive}
    assert planted.consensus + 1 not in divisive
    assert len(divisive) >= statements - 3


def test_three_planted_groups_make_three_groups():
    rng = np.random.default_rng(7)
    participants, statements = 600, 30
    groups = rng.integers(0, 3, participants)
    stance = rng.choice([-1, 1], size=(3, statements))
    voted = rng.random((participants, statements)) < 0.5
    values = np.where(rng.random((participants, statements)) < 0.1, 0, stance[groups])
    who, what = np.nonzero(voted)
    matrix = vote_matrix(who, what, values[who, what])

    analysis = analyse(matrix)

    assert analysis.group_count == 3
    assert (
        adjusted_rand_score(groups[matrix.participant_ids[analysis.placed]], analysis.labels) > 0.9
    )


def test_the_analysis_is_the_same_twice():
    planted = planted_votes(300, 30, seed=5)
    _matrix, first = analysed(planted)
    _matrix, second = analysed(planted)
    assert first.results() == second.results()


def test_groups_are_lettered_by_size_and_statements_carry_their_counts():
    planted = planted_votes(400, 20, density=0.6, seed=6)
    matrix, analysis = analysed(planted)
    sizes = analysis.group_sizes
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == analysis.participant_count

    results = json.loads(json.dumps(analysis.results()))  # stored as JSON
    first = results["statements"][0]
    column = matrix.voted[:, 0]
    assert first["id"] == 1
    assert first["total"]["agree"] == int((matrix.values[column, 0] == 1).sum())
    assert first["total"]["disagree"] == int((matrix.values[column, 0] == -1).sum())
    assert first["total"]["pass"] == int((matrix.values[column, 0] == 0).sum())
    assert sum(first["agree"]) + sum(first["disagree"]) + sum(first["pass"]) <= column.sum()
    assert [g["size"] for g in results["groups"]] == sizes
    assert results["points_total"] == analysis.participant_count
    assert all(len(point) == 3 for point in results["points"])


def test_a_group_is_represented_by_what_it_agrees_with_and_the_others_reject():
    planted = planted_votes(400, 20, density=0.6, seed=8)
    matrix, analysis = analysed(planted)
    for group, representative in enumerate(analysis.representative):
        assert representative, f"group {group} has no representative statement"
        members = analysis.labels == group
        planted_group = np.bincount(planted_labels(planted, matrix, analysis)[members]).argmax()
        for item in representative:
            column = item["index"]
            planted_stance = 1 if column < 10 else -1
            if planted_group == 1:
                planted_stance = -planted_stance
            expected = AGREE if planted_stance == 1 else DISAGREE
            assert column != planted.consensus  # shared by all: represents nobody
            assert item["direction"] == expected


def test_participants_with_too_few_votes_count_in_totals_but_stay_off_the_map():
    # Participant 1 votes on every statement, participant 2 on fewer than MIN_VOTES.
    statements = list(range(1, 11))
    participants = [1] * 10 + [2] * (MIN_VOTES - 1)
    statement_of_vote = statements + statements[: MIN_VOTES - 1]
    values = [1] * len(participants)
    matrix = vote_matrix(participants, statement_of_vote, values)

    analysis = analyse(matrix)

    assert analysis.voter_count == 2
    assert analysis.participant_count == 1
    assert analysis.group_count == 1
    assert int(analysis.total_agree[0]) == 2


def test_fewer_statements_than_the_minimum_of_votes_lowers_the_minimum():
    matrix = vote_matrix([1, 1, 2, 2, 3, 3, 4, 4], [1, 2] * 4, [1, 1, 1, -1, -1, -1, -1, 1])
    analysis = analyse(matrix)
    assert analysis.min_votes == 2
    assert analysis.participant_count == 4


@pytest.mark.parametrize(
    ("participants", "statements", "values"),
    [
        ([], [], []),  # nobody voted
        ([1], [1], [1]),  # one vote
        ([1, 2, 3], [1, 1, 1], [1, 1, 1]),  # one statement, everyone alike
        ([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]),  # passes only
    ],
)
def test_tiny_or_degenerate_consultations_do_not_break(participants, statements, values):
    matrix = vote_matrix(participants, statements, values, statement_ids=[1, 2])
    analysis = analyse(matrix)
    results = json.loads(json.dumps(analysis.results()))
    assert analysis.group_count <= 1
    assert analysis.silhouette is None
    assert [row["id"] for row in results["statements"]] == [1, 2]
    assert results["divisive"] == []


def test_votes_on_statements_outside_the_analysis_are_left_out():
    matrix = vote_matrix([1, 1, 2], [10, 99, 10], [1, -1, -1], statement_ids=[10, 20])
    assert list(matrix.statement_ids) == [10, 20]
    assert matrix.vote_count == 2
    assert matrix.values.tolist() == [[1, 0], [-1, 0]]
    assert matrix.voted.tolist() == [[True, False], [True, False]]


def test_the_map_holds_a_sample_when_there_are_many_participants():
    planted = planted_votes(MAP_POINTS + 500, 12, density=0.8, seed=9)
    _matrix, analysis = analysed(planted)
    results = analysis.results()
    assert len(results["points"]) == MAP_POINTS
    assert results["points_total"] == analysis.participant_count > MAP_POINTS


def test_progress_is_told_step_by_step():
    steps = []
    analysed(planted_votes(50, 10, density=0.8), progress=steps.append)
    assert steps == ["pca", "clustering", "statistics"]


def test_smoothed_ratios_do_not_jump_to_certainty_on_few_votes():
    assert smoothed(np.array(1), np.array(1)) == pytest.approx(2 / 3)
    assert smoothed(np.array(0), np.array(0)) == pytest.approx(0.5)
    assert smoothed(np.array(90), np.array(100)) == pytest.approx(91 / 102)
