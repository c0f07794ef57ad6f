"""Reads of review documents, always scoped to a user.

`review_for_user(user, report)` is THE way to the figures of a review document: an
issued one returns the frozen figures (full for readers with sensitive access, redacted
for everyone else); a draft is computed live from the records.
`review_for_page(user, report)` is the same, a draft's figures kept in the cache as the
dashboard keeps its own (reviews.dashboard: the same key, so they stay live and private).
"""

from django.core.cache import cache
from django.db.models import QuerySet

from phoihop.core.access import get_scoped
from phoihop.lib.text import fold
from phoihop.programs.models import Program
from phoihop.reviews.compute import review_compute
from phoihop.reviews.dashboard import CACHE_SECONDS, cache_key
from phoihop.reviews.data import Review, Scope
from phoihop.reviews.models import Contribution, ReviewReport, ReviewStatus
from phoihop.reviews.rules import can_contribute, can_manage_reviews, can_see_sensitive


def reviews_for_user(user, *, q: str = "") -> QuerySet[ReviewReport]:
    """The reviews `user` may read; `q` matches the title or number, without diacritics."""
    reviews = ReviewReport.objects.visible_to(user).select_related("program__committee__host")
    if folded := fold(q):
        reviews = reviews.filter(search_text__contains=folded)
    return reviews


def get_review_for_user(user, pk, *, write: bool = False) -> ReviewReport:
    """Drafts: the host organization; issued: the committee. Writes: the secretariat."""
    return get_scoped(
        reviews_for_user(user).select_related("program__committee__locality"),
        pk,
        write=write,
        can_write=lambda report: can_manage_reviews(user, report.program),
    )


def _member_ids(program) -> list[int]:
    return list(program.members.values_list("organization_id", flat=True))


def get_review_for_contribution(user, pk) -> ReviewReport:
    """A draft a member's focal point adds its narrative to: 404 outside the committee,
    403 for anyone else (the draft's figures stay with the host organization)."""
    drafts = ReviewReport.objects.filter(program__in=Program.objects.visible_to(user))
    return get_scoped(
        drafts.select_related("program__committee"),
        pk,
        write=True,
        can_write=lambda r: (
            r.status == ReviewStatus.DRAFT
            and can_contribute(user, r.program, _member_ids(r.program))
        ),
    )


def reviews_open_for_contribution(user) -> QuerySet[ReviewReport]:
    """Drafts of the programs where `user`'s organization is a member (focal points only)."""
    if not user.is_authenticated or user.role != "focal_point" or user.organization_id is None:
        return ReviewReport.objects.none()
    return (
        ReviewReport.objects.filter(
            status=ReviewStatus.DRAFT,
            program__in=Program.objects.visible_to(user),
            program__members__organization_id=user.organization_id,
        )
        .select_related("program")
        .distinct()
    )


def review_for_user(user, report: ReviewReport) -> Review:
    if report.status == ReviewStatus.ISSUED:
        full = can_see_sensitive(user, report.program.committee)
        return Review.from_json(report.frozen_full if full else report.frozen_redacted)
    return review_compute(user=user, scope=scope_of(report))


def review_for_page(user, report: ReviewReport) -> Review:
    """review_for_user, from the cache while nothing a draft counts has changed (an issued
    review's frozen figures are read as they are: they never change)."""
    if report.status == ReviewStatus.ISSUED:
        return review_for_user(user, report)
    key = cache_key(user, scope_of(report), prefix="reviews:draft:")
    review = cache.get(key)
    if review is None:
        review = review_for_user(user, report)
        cache.set(key, review, CACHE_SECONDS)
    return review


def contributions_for(report: ReviewReport) -> list[Contribution]:
    return list(
        report.contributions.select_related("organization", "submitted_by").order_by(
            "organization__name"
        )
    )


def attached_texts_for(user, report: ReviewReport) -> list:
    """Texts brought in through intake and attached to this review, as `user` may see them."""
    # IntakeDocument.review's reverse: intake stands above reviews, which never imports it.
    documents = report.intake_documents.visible_to(user).select_related("committee", "uploaded_by")
    return list(documents.order_by("text_date", "pk"))


def own_contribution(user, report: ReviewReport) -> Contribution | None:
    return report.contributions.filter(organization_id=user.organization_id).first()


def scope_of(report: ReviewReport) -> Scope:
    return Scope(
        program_id=report.program_id,
        start=report.start,
        end=report.end,
        kind=report.kind,
        units=report.units,
    )
