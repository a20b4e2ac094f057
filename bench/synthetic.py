"""A deterministic synthetic corpus for benchmarks: N incidents, N/5 actors, N/2 sources.

Every record is seeded from its own kind and number (`random.Random` seeded with a string
hashes it with SHA-512, so neither PYTHONHASHSEED nor the clock plays a part), so incident
7 has the same shape in a corpus of 1,000 as in one of 10,000 and page sizes can be
compared across sizes. References are spread evenly over the pools, so no page grows
with N except the list pages. All text says it is synthetic: none of it describes a
real event.
"""

from __future__ import annotations

import random
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factsheet.domain.vocab import RecordKind

SEED = "factsheet-synthetic-v1"
REPO = Path(__file__).resolve().parent.parent
CAMPAIGN_EVERY = 25  # one campaign incident heads each block of 25 (its children)
RESPONSE_WINDOW = 60  # a claim answers one of the last 60 claims: local, so N-independent

# The project files MkDocs needs besides the generated pages.
PROJECT_FILES = (
    "mkdocs.yml",
    "overrides",
    "hooks",
    "schemas",
    "docs/methodology.md",
    "docs/corrections.md",
    "docs/about.md",
    "docs/tags.md",
    "docs/assets",
)

ACTOR_KINDS = (
    "person",
    "media-outlet",
    "ngo",
    "person",
    "government-body",
    "armed-force",
    "media-outlet",
    "person",
    "organisation",
    "state",
)
AFFILIATION_ROLES = ("spokesman", "researcher", "director", "correspondent", "press officer")
SOURCE_KINDS = (
    "news-article",
    "news-article",
    "ngo-report",
    "official-statement",
    "press-release",
    "transcript",
)
LANGUAGES = ("en", "en", "en", "ru", "ar", "fr")
PROVINCES = ("Idlib", "Aleppo", "Homs", "Hama", "Latakia", "Raqqa", "Deir ez-Zor")
EVENT_KINDS = ("airstrike",) * 7 + ("briefing", "statement", "report-publication")
ROLES = (
    "alleged-perpetrator",
    "target",
    "victim",
    "witness",
    "investigator",
    "respondent",
    "participant",
)
STANCES = ("alleges", "denies", "dismisses", "disputes", "confirms", "states", "calls-for")
ANSWERS = ("denies", "dismisses", "disputes", "confirms")
# Incidents happen in October-November 2015; sources and statements come after, so that no
# source reports an incident that had not yet started.
INCIDENT_MONTHS = ("2015-10", "2015-11")
LATER_MONTHS = ("2015-12", "2016-01")
OTHER_MEASURES = ("civilians-injured", "missiles-fired", "children-killed", "people-displaced")
WORDS = (
    "market",
    "bakery",
    "hospital",
    "school",
    "mosque",
    "bridge",
    "road",
    "square",
    "field",
    "warehouse",
    "clinic",
    "shelter",
)


class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """Block style, no anchors: records may not use them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_record(kind: str, data: dict[str, Any]) -> str:
    """A record file as an editor would save it, schema comment first."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
    return f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n{body}"


def incident_id(number: int) -> str:
    return f"synthetic-incident-{number}"


def actor_id(number: int) -> str:
    return f"synthetic-actor-{number}"


def source_id(number: int) -> str:
    return f"synthetic-source-{number}"


def counts(incidents: int) -> tuple[int, int, int]:
    """(sources, actors, incidents) for a corpus of N incidents."""
    return max(2, incidents // 2), max(4, incidents // 5), incidents


@dataclass
class _Dice:
    """A record's two random streams. `shape` decides its structure and text; `pick` only
    chooses among pools whose size depends on N (actors, sources). Kept apart, incident 7
    has the same figures, claims, citations and quotes at every N."""

    shape: random.Random
    pick: random.Random


def _dice(kind: str, number: int) -> _Dice:
    name = f"{SEED}:{kind}:{number}"
    return _Dice(random.Random(name), random.Random(name + ":pick"))


def _date(rng: random.Random, months: tuple[str, ...] = INCIDENT_MONTHS) -> str:
    return f"{rng.choice(months)}-{rng.randint(1, 28):02d}"


@dataclass
class _Corpus:
    sources: int
    actors: int
    incidents: int
    outlets: list[int] = field(default_factory=list)  # actor numbers that are media outlets
    bodies: list[int] = field(default_factory=list)  # actor numbers that are not people

    def source(self, d: _Dice) -> str:
        return source_id(d.pick.randint(1, self.sources))

    def citations(self, d: _Dice, tag: str, most: int = 1) -> list[dict[str, str]]:
        """1..most citations; most carry a short quote, some a locator."""
        found: list[dict[str, str]] = []
        for n in range(1, d.shape.randint(1, most) + 1):
            citation = {"source": self.source(d)}
            if d.shape.random() < 0.85:
                citation["quote"] = (
                    f"Synthetic quote {tag}.{n}: the {d.shape.choice(WORDS)} was hit"
                )
            if d.shape.random() < 0.2:
                citation["locator"] = f"paragraph {d.shape.randint(1, 12)}"
            found.append(citation)
        return found


# ------------------------------------------------------------------------- actors


def _actor(corpus: _Corpus, number: int) -> dict[str, Any]:
    d = _dice("actor", number)
    kind = ACTOR_KINDS[number % len(ACTOR_KINDS)]
    data: dict[str, Any] = {"name": f"Synthetic {kind.replace('-', ' ')} {number}", "kind": kind}
    if d.shape.random() < 0.3:
        data["aliases"] = [f"SA{number}"]
    data["description"] = {
        "text": (
            f"Synthetic actor {number}, a {kind.replace('-', ' ')} invented for the build "
            "benchmark. It stands for no real person or body; its statements and roles "
            "exist only to give the pages a realistic shape."
        ),
        "citations": corpus.citations(d, f"a{number}", 2),
    }
    others = [b for b in corpus.bodies if b != number]
    if kind == "person" and others:
        affiliation: dict[str, Any] = {
            "actor": actor_id(d.pick.choice(others)),
            "role": d.shape.choice(AFFILIATION_ROLES),
        }
        if d.shape.random() < 0.4:
            affiliation["from"] = f"201{d.shape.randint(0, 4)}"
        affiliation["citations"] = corpus.citations(d, f"a{number}r", 2)
        data["affiliations"] = [affiliation]
    return data


# ------------------------------------------------------------------------ sources


def _source(corpus: _Corpus, number: int) -> dict[str, Any]:
    d = _dice("source", number)
    data: dict[str, Any] = {
        "title": f"Synthetic source {number}: report on strikes near a {d.shape.choice(WORDS)}",
        "kind": d.shape.choice(SOURCE_KINDS),
    }
    if corpus.outlets and d.shape.random() < 0.9:
        data["publisher"] = actor_id(d.pick.choice(corpus.outlets))
    else:
        data["publisher"] = "unknown"
        data["publisher_note"] = "The synthetic text names no publisher."
    data["url"] = f"https://example.org/synthetic/source-{number}"
    if d.shape.random() < 0.5:
        data["archive_url"] = f"https://archive.example.org/synthetic/source-{number}"
    if d.shape.random() < 0.1:
        data["published"] = "unknown"
        data["published_note"] = "The synthetic text carries no date."
    else:
        data["published"] = _date(d.shape, LATER_MONTHS)
        data["accessed"] = f"2024-{d.shape.randint(1, 12):02d}-{d.shape.randint(1, 28):02d}"
    data["language"] = d.shape.choice(LANGUAGES)
    if d.shape.random() < 0.6:
        data["authors"] = [f"Synthetic Author {d.shape.randint(1, 500)}"]
    if number > 1 and d.shape.random() < 0.3:
        data["derived_from"] = [source_id(d.shape.randint(1, number - 1))]
    return data


# ---------------------------------------------------------------------- incidents


def _pick_actors(corpus: _Corpus, d: _Dice) -> list[int]:
    # corpus.actors >= 4, so the count never depends on N.
    return d.pick.sample(range(1, corpus.actors + 1), d.shape.randint(2, 4))


def _figures(corpus: _Corpus, d: _Dice, number: int, cast: list[int]) -> list[Any]:
    """1-4 figures; civilians killed is often reported several times, at times disagreeing."""
    base = d.shape.randint(5, 120)
    # exactly 49 / more than 40 are compatible; at least 60 conflicts with exactly 49.
    variants: list[dict[str, str]] = [
        {"value": str(base), "qualifier": "exactly"},
        {"value": str(max(0, base - d.shape.randint(1, 9))), "qualifier": "more-than"},
        {"value": str(base + d.shape.randint(5, 15)), "qualifier": "at-least"},
        {"min": str(max(0, base - 10)), "max": str(base + 10), "qualifier": "about"},
    ]
    figures: list[Any] = []
    for n in range(d.shape.randint(1, 4)):
        if n < 3 and d.shape.random() < 0.8:
            figure: dict[str, Any] = {"measure": "civilians-killed", **variants[n]}
        else:
            # One measure per slot, so no figure repeats another; a breakdown stays below
            # its total (children killed <= civilians killed).
            measure = OTHER_MEASURES[n]
            value = base // 3 if measure == "children-killed" else d.shape.randint(1, 9)
            figure = {"measure": measure, "value": str(value), "qualifier": "exactly"}
        if d.shape.random() < 0.85:
            figure["claimant"] = actor_id(cast[d.shape.randrange(len(cast))])
        else:
            figure["claimant"] = "unknown"
            figure["claimant_note"] = "The synthetic source does not say whose count this is."
        figure["citations"] = corpus.citations(d, f"i{number}f{n}")
        figures.append(figure)
    return figures


def _claims(
    corpus: _Corpus, d: _Dice, number: int, cast: list[int], recent: deque[str]
) -> list[Any]:
    claims: list[Any] = []
    for n in range(1, d.shape.randint(0, 3) + 1):
        answers = bool(recent) and d.shape.random() < 0.4
        claim: dict[str, Any] = {
            "id": f"synthetic-claim-{number}-{n}",
            "claimant": actor_id(cast[d.shape.randrange(len(cast))]),
            "stance": d.shape.choice(ANSWERS if answers else STANCES),
            "text": (
                f"Synthetic claim {n} of incident {number}: the claimant said something "
                f"about the strike near the {d.shape.choice(WORDS)}, in our synthetic paraphrase."
            ),
        }
        if d.shape.random() < 0.5:
            claim["said"] = _date(d.shape, LATER_MONTHS)
        if answers:
            claim["responds_to"] = d.shape.choice(recent)
        claim["citations"] = corpus.citations(d, f"i{number}c{n}", 2)
        claims.append(claim)
    recent.extend(c["id"] for c in claims)
    return claims


def campaign_of(number: int) -> int:
    """The campaign incident heading the block that incident `number` falls in."""
    return (number - 1) // CAMPAIGN_EVERY * CAMPAIGN_EVERY + 1


def _when(corpus: _Corpus, d: _Dice, number: int, campaign: bool) -> dict[str, Any]:
    when: dict[str, Any] = {"start": "2015-09-30" if campaign else _date(d.shape)}
    if campaign:
        when["end"] = "2015-12-31"
    elif d.shape.random() < 0.2:
        when["approximate"] = "yes"
        when["note"] = "The synthetic sources give only a rough date."
    when["citations"] = corpus.citations(d, f"i{number}d")
    return when


def _where(corpus: _Corpus, d: _Dice, number: int) -> dict[str, Any]:
    where: dict[str, Any] = {
        "place": f"Synthetic village {d.shape.randint(1, 900)}",
        "province": d.shape.choice(PROVINCES),
        "country": "Syria",
    }
    if d.shape.random() < 0.3:
        where["coordinates"] = {
            "lat": f"35.{d.shape.randint(0, 999):03d}",
            "lon": f"36.{d.shape.randint(0, 999):03d}",
            "precision": "settlement",
        }
    where["citations"] = corpus.citations(d, f"i{number}p")
    return where


def _incident(corpus: _Corpus, number: int, recent: deque[str]) -> dict[str, Any]:
    d = _dice("incident", number)
    campaign = campaign_of(number) == number
    kind = "air-campaign" if campaign else d.shape.choice(EVENT_KINDS)
    cast = _pick_actors(corpus, d)
    data: dict[str, Any] = {
        "title": f"Synthetic incident {number}: {kind.replace('-', ' ')} "
        f"near a {d.shape.choice(WORDS)}",
        "kind": kind,
    }
    if not campaign and d.shape.random() < 0.9:
        data["parent"] = incident_id(campaign_of(number))
    data["date"] = _when(corpus, d, number, campaign)
    data["location"] = _where(corpus, d, number)
    data["summary"] = {
        "text": (
            f"Synthetic incident {number}. This record was generated for the build "
            "benchmark and describes no real event. Synthetic sources report a strike near "
            f"a {d.shape.choice(WORDS)} and differ on the number of people harmed, as real "
            "reports often do."
        ),
        "citations": corpus.citations(d, f"i{number}s", 2),
    }
    data["actors"] = [
        {
            "actor": actor_id(a),
            "role": d.shape.choice(ROLES),
            "citations": corpus.citations(d, f"i{number}r{k}"),
        }
        for k, a in enumerate(cast, 1)
    ]
    data["figures"] = _figures(corpus, d, number, cast)
    claims = _claims(corpus, d, number, cast, recent)
    if claims:
        data["claims"] = claims
    if d.shape.random() < 0.2:
        data["discrepancies"] = [
            {
                "text": "The synthetic sources disagree on the time of day of the strike.",
                "citations": corpus.citations(d, f"i{number}x", 2),
            }
        ]
    return data


# ------------------------------------------------------------------------ the tree


def _copy_project_files(root: Path) -> None:
    for name in PROJECT_FILES:
        source, target = REPO / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)


def _write(folder: Path, record_id: str, kind: str, data: dict[str, Any]) -> None:
    (folder / f"{record_id}.yaml").write_text(dump_record(kind, data), encoding="utf-8")


def generate(root: Path, incidents: int) -> None:
    """Write a complete project (facts/, docs/, mkdocs.yml, overrides/) with N incidents."""
    if incidents < 1:
        raise ValueError("a corpus needs at least one incident")
    if (root / "facts").exists():
        raise FileExistsError(f"{root / 'facts'} exists: generate into an empty folder")
    n_sources, n_actors, _ = counts(incidents)
    kinds = [ACTOR_KINDS[n % len(ACTOR_KINDS)] for n in range(n_actors + 1)]
    corpus = _Corpus(
        n_sources,
        n_actors,
        incidents,
        outlets=[n for n in range(1, n_actors + 1) if kinds[n] == "media-outlet"],
        bodies=[n for n in range(1, n_actors + 1) if kinds[n] != "person"],
    )
    folders = {kind: root / "facts" / kind.folder for kind in RecordKind}
    for folder in folders.values():
        folder.mkdir(parents=True)
    (root / "docs").mkdir(exist_ok=True)
    _copy_project_files(root)
    for n in range(1, n_actors + 1):
        _write(folders[RecordKind.ACTOR], actor_id(n), "actor", _actor(corpus, n))
    for n in range(1, n_sources + 1):
        _write(folders[RecordKind.SOURCE], source_id(n), "source", _source(corpus, n))
    recent: deque[str] = deque(maxlen=RESPONSE_WINDOW)
    for n in range(1, incidents + 1):
        _write(
            folders[RecordKind.INCIDENT], incident_id(n), "incident", _incident(corpus, n, recent)
        )


def edit_summary(path: Path, addition: str) -> None:
    """Append a sentence to one incident's summary, as an editor's one-record change."""
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
    data["summary"]["text"] += " " + addition
    path.write_text(dump_record("incident", data), encoding="utf-8")


def main() -> None:  # pragma: no cover - a convenience for looking at a corpus by hand
    import sys

    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)


if __name__ == "__main__":  # pragma: no cover
    main()
