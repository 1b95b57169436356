"""Writes on members, one module per step, re-exported here (`members.services.member_admit`).

Every function validates before it saves and runs in one transaction: a refused change
raises ValidationError with a Vietnamese message and leaves the database as it was.
"""

from members.services.accounts import (
    ONE_TIME_PASSWORD_LENGTH,
    account_grant,
    account_grant_refusal,
    account_password_changed,
    account_refusals,
    account_revoke,
    account_revoke_refusal,
)
from members.services.organisations import (
    DOCUMENT_FIELDS,
    SETTING_FIELDS,
    officer_grant,
    officer_withdraw,
    organisation_close,
    organisation_create,
    organisation_move,
    organisation_settings_update,
    organisation_update,
    slug_from_name,
)
from members.services.ratings import RatingRow, branch_rating_set, member_rating_set, member_ratings_set
from members.services.records import member_admit, member_delete, member_transfer_in, member_update
from members.services.status import member_change_status
from members.services.transfer_batches import BatchRefused, transfer_record_batch
from members.services.transfers import transfer_accept, transfer_record, transfer_refuse

__all__ = [
    "DOCUMENT_FIELDS",
    "ONE_TIME_PASSWORD_LENGTH",
    "SETTING_FIELDS",
    "BatchRefused",
    "RatingRow",
    "account_grant",
    "account_grant_refusal",
    "account_password_changed",
    "account_refusals",
    "account_revoke",
    "account_revoke_refusal",
    "branch_rating_set",
    "member_admit",
    "member_change_status",
    "member_delete",
    "member_rating_set",
    "member_ratings_set",
    "member_transfer_in",
    "member_update",
    "officer_grant",
    "officer_withdraw",
    "organisation_close",
    "organisation_create",
    "organisation_move",
    "organisation_settings_update",
    "organisation_update",
    "slug_from_name",
    "transfer_accept",
    "transfer_record",
    "transfer_record_batch",
    "transfer_refuse",
]
