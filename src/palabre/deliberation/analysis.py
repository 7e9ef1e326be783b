"""The maths of a consultation, as Pol.is does it: pure functions on numpy arrays, no database.

1. **Vote matrix**: participants × statements, 1 agree, −1 disagree, 0 pass, with a mask of the
   cells voted (float32 and bool: 5,000 × 300 is 6 MB and 1.5 MB).
2. **Who is placed**: participants with at least `MIN_VOTES` votes (7, as Pol.is; every statement
   when there are fewer than 7). The others still count in each statement's totals.
3. **Imputation**: an unvoted cell takes the statement's mean over those who voted on it (Pol.is
   does the same), so that it pulls nobody towards agreeing or disagreeing.
4. **Map**: PCA to two components; each position is then scaled by √(statements / votes), so that
   someone who voted on few statements is not drawn to the centre by the imputed means (Pol.is).
5. **Opinion groups**: k-means on the positions for k = 2 … `MAX_GROUPS` (fixed random_state,
   `KMEANS_RUNS` starts); the k with the best silhouette wins (computed on a sample of at most
   `SILHOUETTE_SAMPLE` participants), among the k whose smallest group has at least
   `MIN_GROUP_SIZE` participants. Fewer than `MIN_PARTICIPANTS_FOR_GROUPS` placed participants
   make one group. Groups are lettered by size, the largest first.
6. **Statistics** per group and statement: agree / disagree / pass counts and ratios smoothed as
   Pol.is does: (agree + 1) / (votes + 2).
7. **Consensus**: every group agrees (or every group disagrees) with a smoothed ratio of at least
   `CONSENSUS_RATIO`, with at least `MIN_GROUP_VOTES` votes in each group.
8. **Divisive**: the spread of the smoothed agree ratios between the groups (largest minus
   smallest) is at least `DIVISIVE_SPREAD`, each group having `MIN_GROUP_VOTES` votes.
9. **Representative** statements of a group: those the group agrees (or disagrees) with more than
   the other participants: Pol.is's "repness" (the group's ratio divided by the others', times the
   group's ratio), kept when the group's ratio is at least one half and a two-proportion z-test
   says the difference is significant (z ≥ 1.645, 95 % one-sided); the best `REPRESENTATIVE_MAX`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

MIN_VOTES = 7
MAX_GROUPS = 5
MIN_PARTICIPANTS_FOR_GROUPS = 10
MIN_GROUP_SIZE = 3
KMEANS_RUNS = 10
RANDOM_STATE = 0
SILHOUETTE_SAMPLE = 2000
MIN_GROUP_VOTES = 3
CONSENSUS_RATIO = 0.6
DIVISIVE_SPREAD = 0.3
REPRESENTATIVE_MAX = 5
REPRESENTATIVE_Z = 1.645
# The map shows at most this many participants (a uniform sample): enough to see the groups,
# light enough for a phone on slow data.
MAP_POINTS = 1500

AGREE, DISAGREE = "agree", "disagree"


@dataclass
class VoteMatrix:
    """`values[i, j]` is participant i's vote on statement j (0 where `voted` is False too)."""

    participant_ids: np.ndarray
    statement_ids: np.ndarray
    values: np.ndarray
    voted: np.ndarray

    @property
    def vote_count(self) -> int:
        return int(self.voted.sum())


def vote_matrix(participants, statements, values, *, statement_ids=None) -> VoteMatrix:
    """The matrix from three parallel sequences, one item per vote.

    `statement_ids`: the statements to analyse (those without a vote included, in this order);
    votes on other statements are left out. By default, every statement voted on."""
    participants = np.asarray(participants, dtype=np.int64)
    statements = np.asarray(statements, dtype=np.int64)
    values = np.asarray(values, dtype=np.int8)
    if statement_ids is None:
        columns = np.unique(statements)
    else:
        columns = np.asarray(list(statement_ids), dtype=np.int64)
    order = np.argsort(columns, kind="stable")
    if len(columns) and len(statements):
        found = np.searchsorted(columns, statements, sorter=order)
        found = np.minimum(found, len(columns) - 1)
        column_of_vote = order[found]
        keep = columns[column_of_vote] == statements
    else:
        column_of_vote = np.zeros(len(statements), dtype=np.int64)
        keep = np.zeros(len(statements), dtype=bool)
    participant_ids, row_of_vote = np.unique(participants[keep], return_inverse=True)
    matrix = np.zeros((len(participant_ids), len(columns)), dtype=np.float32)
    voted = np.zeros(matrix.shape, dtype=bool)
    rows, cols = row_of_vote, column_of_vote[keep]
    matrix[rows, cols] = np.sign(values[keep])
    voted[rows, cols] = True
    return VoteMatrix(participant_ids, columns, matrix, voted)


@dataclass
class Analysis:
    """What the analysis finds. Groups are numbered 0, 1… by size; arrays per group have one row
    per group, arrays per statement follow `statement_ids`."""

    statement_ids: np.ndarray
    voter_count: int  # participants with at least one vote
    vote_count: int
    min_votes: int
    placed: np.ndarray  # indexes (in the matrix) of the participants on the map
    positions: np.ndarray  # (placed, 2)
    labels: np.ndarray  # (placed,) group of each placed participant
    group_count: int
    silhouette: float | None
    explained_variance: list[float]
    agree: np.ndarray  # (groups, statements) counts
    disagree: np.ndarray
    passed: np.ndarray
    total_agree: np.ndarray  # (statements,) counts over every participant
    total_disagree: np.ndarray
    total_passed: np.ndarray
    consensus: list[dict] = field(default_factory=list)  # {"index", "direction", "score"}
    divisive: list[dict] = field(default_factory=list)  # {"index", "spread"}
    spread: np.ndarray | None = None  # (statements,) NaN where not enough votes
    representative: list[list[dict]] = field(default_factory=list)

    @property
    def participant_count(self) -> int:
        return len(self.placed)

    @property
    def statement_count(self) -> int:
        return len(self.statement_ids)

    @property
    def group_sizes(self) -> list[int]:
        return [int(n) for n in np.bincount(self.labels, minlength=self.group_count)]

    def centres(self) -> list[list[float]]:
        return [
            [float(v) for v in self.positions[self.labels == g].mean(axis=0)]
            for g in range(self.group_count)
        ]

    def results(self) -> dict:
        """As stored in ConsultationAnalysis.results (JSON), statements by their ids."""
        ids = [int(i) for i in self.statement_ids]
        sample = self.placed_sample(MAP_POINTS)
        consensus_of = {item["index"]: item for item in self.consensus}
        statements = []
        for j, statement_id in enumerate(ids):
            item = consensus_of.get(j)
            spread = None if self.spread is None else self.spread[j]
            statements.append(
                {
                    "id": statement_id,
                    "agree": [int(n) for n in self.agree[:, j]],
                    "disagree": [int(n) for n in self.disagree[:, j]],
                    "pass": [int(n) for n in self.passed[:, j]],
                    "total": {
                        "agree": int(self.total_agree[j]),
                        "disagree": int(self.total_disagree[j]),
                        "pass": int(self.total_passed[j]),
                    },
                    "consensus": item["direction"] if item else None,
                    "spread": None
                    if spread is None or np.isnan(spread)
                    else round(float(spread), 4),
                }
            )
        return {
            "min_votes": self.min_votes,
            "voters": self.voter_count,
            "groups": [
                {
                    "size": size,
                    "centre": [round(v, 4) for v in centre],
                    "representative": [
                        {"id": ids[item["index"]], **_without_index(item)}
                        for item in (self.representative[g] if self.representative else [])
                    ],
                }
                for g, (size, centre) in enumerate(
                    zip(self.group_sizes, self.centres(), strict=True)
                )
            ],
            "points": [
                [round(float(x), 3), round(float(y), 3), int(g)]
                for (x, y), g in zip(self.positions[sample], self.labels[sample], strict=True)
            ],
            "points_total": self.participant_count,
            "statements": statements,
            "consensus": [ids[item["index"]] for item in self.consensus],
            "divisive": [ids[item["index"]] for item in self.divisive],
        }

    def placed_sample(self, limit: int) -> np.ndarray:
        """Indexes into `positions` of at most `limit` participants, the same on every run."""
        n = len(self.placed)
        if n <= limit:
            return np.arange(n)
        rng = np.random.default_rng(RANDOM_STATE)
        return np.sort(rng.choice(n, size=limit, replace=False))


def _without_index(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != "index"}


def analyse(matrix: VoteMatrix, *, progress: Callable[[str], None] | None = None) -> Analysis:
    """The whole analysis; `progress` is told "pca", "clustering" then "statistics" as each
    step begins.

    On one thread: at these sizes (hundreds of statements, two columns to cluster) the start-up
    and contention of BLAS and OpenMP threads cost many times what they save."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _analyse(matrix, progress)


def _analyse(matrix: VoteMatrix, progress: Callable[[str], None] | None) -> Analysis:

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    values, voted = matrix.values, matrix.voted
    n_participants, n_statements = values.shape
    votes_per_participant = voted.sum(axis=1)
    min_votes = max(1, min(MIN_VOTES, n_statements))
    placed = np.flatnonzero(votes_per_participant >= min_votes)

    step("pca")
    positions, explained = place(values[placed], voted[placed])

    step("clustering")
    labels, silhouette = opinion_groups(positions)
    group_count = int(labels.max()) + 1 if len(labels) else 0

    step("statistics")
    agree_cells = voted & (values > 0)
    disagree_cells = voted & (values < 0)
    pass_cells = voted & (values == 0)
    membership = np.zeros((len(placed), group_count), dtype=np.float32)
    membership[np.arange(len(placed)), labels] = 1

    def per_group(cells: np.ndarray) -> np.ndarray:
        counts = membership.T @ cells[placed].astype(np.float32)
        return np.rint(counts).astype(np.int64)

    analysis = Analysis(
        statement_ids=matrix.statement_ids,
        voter_count=int((votes_per_participant > 0).sum()),
        vote_count=int(voted.sum()),
        min_votes=min_votes,
        placed=placed,
        positions=positions,
        labels=labels,
        group_count=group_count,
        silhouette=silhouette,
        explained_variance=explained,
        agree=per_group(agree_cells),
        disagree=per_group(disagree_cells),
        passed=per_group(pass_cells),
        total_agree=agree_cells.sum(axis=0),
        total_disagree=disagree_cells.sum(axis=0),
        total_passed=pass_cells.sum(axis=0),
    )
    if group_count:
        _consensus_and_division(analysis)
    return analysis


def place(values: np.ndarray, voted: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Positions on the map (n × 2) and the share of variance each axis explains."""
    n, n_statements = values.shape
    positions = np.zeros((n, 2), dtype=np.float64)
    components = min(2, n, n_statements)
    if n < 2 or components < 1:
        return positions, []
    from sklearn.decomposition import PCA

    counts = voted.sum(axis=0)
    sums = np.where(voted, values, 0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(n_statements, dtype=np.float64), where=counts > 0)
    filled = np.where(voted, values, means.astype(np.float32)[np.newaxis, :])
    pca = PCA(n_components=components, random_state=RANDOM_STATE)
    projected = pca.fit_transform(filled)
    positions[:, :components] = projected
    own = voted.sum(axis=1)
    positions *= np.sqrt(n_statements / np.maximum(own, 1))[:, np.newaxis]
    explained = [round(float(v), 4) for v in pca.explained_variance_ratio_]
    return positions, explained


def opinion_groups(positions: np.ndarray) -> tuple[np.ndarray, float | None]:
    """Group of each position (0 = the largest group) and the silhouette of the chosen k."""
    n = len(positions)
    if n == 0:
        return np.zeros(0, dtype=np.int64), None
    distinct = len(np.unique(np.round(positions, 9), axis=0))
    if n < MIN_PARTICIPANTS_FOR_GROUPS or distinct < 2:
        return np.zeros(n, dtype=np.int64), None
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    best: tuple[float, np.ndarray] | None = None
    for k in range(2, min(MAX_GROUPS, distinct, n - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=KMEANS_RUNS, random_state=RANDOM_STATE).fit_predict(
            positions
        )
        if np.bincount(labels, minlength=k).min() < MIN_GROUP_SIZE:
            continue
        sample = {"sample_size": SILHOUETTE_SAMPLE} if n > SILHOUETTE_SAMPLE else {}
        score = float(silhouette_score(positions, labels, random_state=RANDOM_STATE, **sample))
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    if best is None:
        return np.zeros(n, dtype=np.int64), None
    score, labels = best
    return _by_size(labels, positions), score


def _by_size(labels: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Renumber groups by decreasing size (ties: leftmost centre first), for stable letters."""
    groups = np.unique(labels)
    keys = sorted(
        groups,
        key=lambda g: (-int((labels == g).sum()), float(positions[labels == g, 0].mean())),
    )
    mapping = np.zeros(groups.max() + 1, dtype=np.int64)
    for new, old in enumerate(keys):
        mapping[old] = new
    return mapping[labels]


def smoothed(successes: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """(successes + 1) / (votes + 2): a ratio that does not jump to 0 or 1 on a few votes."""
    return (successes + 1) / (votes + 2)


def _consensus_and_division(analysis: Analysis) -> None:
    votes = analysis.agree + analysis.disagree + analysis.passed  # (groups, statements)
    pa = smoothed(analysis.agree, votes)
    pd = smoothed(analysis.disagree, votes)
    enough = (votes >= MIN_GROUP_VOTES).all(axis=0)

    agree_floor, disagree_floor = pa.min(axis=0), pd.min(axis=0)
    found = []
    for j in np.flatnonzero(enough):
        if agree_floor[j] >= CONSENSUS_RATIO:
            found.append({"index": int(j), "direction": AGREE, "score": float(agree_floor[j])})
        elif disagree_floor[j] >= CONSENSUS_RATIO:
            found.append(
                {"index": int(j), "direction": DISAGREE, "score": float(disagree_floor[j])}
            )
    analysis.consensus = sorted(found, key=lambda item: (-item["score"], item["index"]))

    if analysis.group_count < 2:
        return
    spread = np.where(enough, pa.max(axis=0) - pa.min(axis=0), np.nan)
    analysis.spread = spread
    divisive = [
        {"index": int(j), "spread": float(spread[j])}
        for j in np.flatnonzero(enough & (np.nan_to_num(spread) >= DIVISIVE_SPREAD))
    ]
    analysis.divisive = sorted(divisive, key=lambda item: (-item["spread"], item["index"]))
    analysis.representative = [
        _representative(analysis, g, votes) for g in range(analysis.group_count)
    ]


def _representative(analysis: Analysis, group: int, votes: np.ndarray) -> list[dict]:
    """The statements that set this group apart from the other participants."""
    found = []
    for direction, counts in ((AGREE, analysis.agree), (DISAGREE, analysis.disagree)):
        mine, my_votes = counts[group], votes[group]
        others = counts.sum(axis=0) - mine
        other_votes = votes.sum(axis=0) - my_votes
        p_mine, p_others = smoothed(mine, my_votes), smoothed(others, other_votes)
        pooled = (mine + others + 2) / (my_votes + other_votes + 4)
        error = np.sqrt(pooled * (1 - pooled) * (1 / (my_votes + 2) + 1 / (other_votes + 2)))
        z = (p_mine - p_others) / error
        repness = p_mine / p_others * p_mine
        chosen = (my_votes >= MIN_GROUP_VOTES) & (p_mine >= 0.5) & (z >= REPRESENTATIVE_Z)
        found.extend(
            {
                "index": int(j),
                "direction": direction,
                "ratio": round(float(p_mine[j]), 4),
                "repness": round(float(repness[j]), 4),
            }
            for j in np.flatnonzero(chosen)
        )
    best: dict[int, dict] = {}
    for item in sorted(found, key=lambda item: (-item["repness"], item["index"])):
        best.setdefault(item["index"], item)
    return list(best.values())[:REPRESENTATIVE_MAX]
