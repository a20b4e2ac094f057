"""The closed vocabularies of the records, one `StrEnum` each, as the schemas list them.

The schemas in schemas/ are the source of truth: tests/test_vocab.py holds every `enum` list
in them to its class here, value for value, and every label dict to its class. A value added
to a schema therefore fails that test until it is added here, with its label where the
pages need one, instead of failing a build with an internal error.

Members are strings: they compare, hash, format and serialise as the values editors write.
"""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    """A kind of record: its schema is schemas/<kind>.schema.json, its files facts/<kind>s/."""

    SOURCE = "source"
    ACTOR = "actor"
    INCIDENT = "incident"

    @property
    def folder(self) -> str:
        """The folder of this kind's records in facts/ and of its pages in docs/."""
        return f"{self.value}s"


KIND_OF_FOLDER: dict[str, RecordKind] = {kind.folder: kind for kind in RecordKind}


class SourceKind(StrEnum):
    NEWS_ARTICLE = "news-article"
    NGO_REPORT = "ngo-report"
    OFFICIAL_STATEMENT = "official-statement"
    PRESS_RELEASE = "press-release"
    TRANSCRIPT = "transcript"
    SOCIAL_MEDIA_POST = "social-media-post"
    OTHER = "other"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    NGO = "ngo"
    GOVERNMENT_BODY = "government-body"
    ARMED_FORCE = "armed-force"
    ARMED_GROUP = "armed-group"
    STATE = "state"
    MEDIA_OUTLET = "media-outlet"
    INTERGOVERNMENTAL_BODY = "intergovernmental-body"
    GROUP = "group"


class IncidentKind(StrEnum):
    AIRSTRIKE = "airstrike"
    AIR_CAMPAIGN = "air-campaign"
    ARMED_CONFLICT = "armed-conflict"
    REPORT_PUBLICATION = "report-publication"
    STATEMENT = "statement"
    BRIEFING = "briefing"
    RESOLUTION = "resolution"
    INVESTIGATION = "investigation"
    OTHER = "other"


class ChangeKind(StrEnum):
    """A dated change to a record: a correction of an error, or an update with news."""

    CORRECTION = "correction"
    UPDATE = "update"


class Measure(StrEnum):
    """What a figure counts."""

    CIVILIANS_KILLED = "civilians-killed"
    CIVILIANS_INJURED = "civilians-injured"
    PEOPLE_KILLED = "people-killed"
    FIGHTERS_KILLED = "fighters-killed"
    VICTIMS = "victims"
    PEOPLE_DISPLACED = "people-displaced"
    ATTACKS = "attacks"
    ATTACKS_DOCUMENTED = "attacks-documented"
    STRIKES_ANALYSED = "strikes-analysed"
    MISSILES_FIRED = "missiles-fired"
    SORTIES = "sorties"
    LOCATIONS_ATTACKED = "locations-attacked"
    CHILDREN_KILLED = "children-killed"
    WOMEN_KILLED = "women-killed"


class Qualifier(StrEnum):
    """How a figure's number is meant: exactly, at least, about..."""

    EXACTLY = "exactly"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    ABOUT = "about"
    UP_TO = "up-to"
    FEWER_THAN = "fewer-than"


class Stance(StrEnum):
    """What a claim does: alleges, denies, confirms..."""

    ALLEGES = "alleges"
    DENIES = "denies"
    DISMISSES = "dismisses"
    DISPUTES = "disputes"
    CONFIRMS = "confirms"
    ACKNOWLEDGES = "acknowledges"
    CALLS_FOR = "calls-for"
    STATES = "states"
    ANNOUNCES = "announces"
    WARNS = "warns"


class IncidentRole(StrEnum):
    """An actor's part in an incident (not an affiliation's role, which is free text)."""

    ALLEGED_PERPETRATOR = "alleged-perpetrator"
    PERPETRATOR = "perpetrator"
    TARGET = "target"
    VICTIM = "victim"
    WITNESS = "witness"
    INVESTIGATOR = "investigator"
    AUTHOR = "author"
    RESPONDENT = "respondent"
    PARTICIPANT = "participant"
    SUPPORTED_PARTY = "supported-party"
    DECISION_MAKER = "decision-maker"


class Status(StrEnum):
    """An incident's (or one question's) status: the grading rules' verdict, or an editor's."""

    CONFIRMED_BY_ACCUSED = "confirmed-by-accused"
    DENIED_BY_ACCUSED = "denied-by-accused"
    CONTESTED = "contested"
    CORROBORATED = "corroborated"
    SINGLE_ORIGIN = "single-origin"
    NO_ESTABLISHED_ORIGIN = "no-established-origin"


class Precision(StrEnum):
    """How precise a location's coordinates are."""

    EXACT = "exact"
    SETTLEMENT = "settlement"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"


class YesNo(StrEnum):
    """The flags of an incident's date (approximate, ongoing), written as words."""

    YES = "yes"
    NO = "no"


class Verdict(StrEnum):
    """How the reports of one measure compare; computed, never written in a record."""

    AGREE = "agree"  # every report allows exactly the same range
    DIFFER = "differ"  # worded differently, but they can all be true
    CONFLICT = "conflict"  # they cannot all be true
