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
from members.services.ratings import RatingRow, branch_rating_set, member_rating_set, member_ratings_set
from members.services.records import member_admit, member_delete, member_transfer_in, member_update
from members.services.status import member_change_status
from members.services.transfer_batches import BatchRefused, transfer_record_batch
from members.services.transfers import transfer_accept, transfer_record, transfer_refuse

__all__ = [
    "ONE_TIME_PASSWORD_LENGTH",
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
    "transfer_accept",
    "transfer_record",
    "transfer_record_batch",
    "transfer_refuse",
]
