"""Forms of the members pages: they check the input and explain each problem in Vietnamese; services decide."""

from members.forms.accounts import AccountGrantForm
from members.forms.ratings import (
    RATINGS_PER_PAGE,
    BranchRatingForm,
    MemberRatingFormSet,
    MemberRatingRowForm,
    RatingsFilterForm,
)
from members.forms.records import (
    ContactForm,
    EntryKind,
    MemberAddForm,
    MemberDetailsForm,
    MemberEditForm,
    MemberSearchForm,
)
from members.forms.status import StatusChangeForm
from members.forms.transfers import TransferAcceptForm, TransferBatchForm, TransferRecordForm, TransferRefuseForm

__all__ = [
    "RATINGS_PER_PAGE",
    "AccountGrantForm",
    "BranchRatingForm",
    "ContactForm",
    "EntryKind",
    "MemberAddForm",
    "MemberDetailsForm",
    "MemberEditForm",
    "MemberRatingFormSet",
    "MemberRatingRowForm",
    "MemberSearchForm",
    "RatingsFilterForm",
    "StatusChangeForm",
    "TransferAcceptForm",
    "TransferBatchForm",
    "TransferRecordForm",
    "TransferRefuseForm",
]
