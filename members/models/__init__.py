"""Organisations (the tree), members and their status history, ratings, and login state.

Every public name is here, so that `from members.models import Member` holds whatever
module the model lives in. The choices come first: `members.rules` reads them while
the models use the rules.
"""

from members.models.choices import (
    STATUS_AFTER,
    BranchType,
    ClosingKind,
    ElectionBase,
    Gender,
    MemberStatus,
    OrganisationKind,
    RatingLevel,
    Runoff,
    StatusChangeKind,
    TieBreak,
    kinds_leading_to,
)

# isort: split
from members.models.accounts import AccountEvent, AccountEventKind, AccountState
from members.models.grants import GrantEventKind, OfficerGrantEvent
from members.models.imports import ImportJob, ImportState
from members.models.members import (
    CONTACT_FIELDS,
    MEMBER_DETAIL_FIELDS,
    Member,
    MemberQuerySet,
    MemberStatusChange,
    latest_change_kind,
)
from members.models.organisations import Organisation, OrganisationOfficer, OrganisationQuerySet, OrganisationSlug
from members.models.ratings import BranchRating, MemberRating
from members.models.transfers import Transfer, TransferState

__all__ = [
    "CONTACT_FIELDS",
    "MEMBER_DETAIL_FIELDS",
    "STATUS_AFTER",
    "AccountEvent",
    "AccountEventKind",
    "AccountState",
    "BranchRating",
    "BranchType",
    "ClosingKind",
    "ElectionBase",
    "Gender",
    "GrantEventKind",
    "ImportJob",
    "ImportState",
    "Member",
    "MemberQuerySet",
    "MemberRating",
    "MemberStatus",
    "MemberStatusChange",
    "OfficerGrantEvent",
    "Organisation",
    "OrganisationKind",
    "OrganisationOfficer",
    "OrganisationQuerySet",
    "OrganisationSlug",
    "RatingLevel",
    "Runoff",
    "StatusChangeKind",
    "TieBreak",
    "Transfer",
    "TransferState",
    "kinds_leading_to",
    "latest_change_kind",
]
