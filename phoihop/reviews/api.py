"""REST API for reviews: the list of review documents and, for one, its Review JSON
(frozen when issued, full or redacted by the reader's rights; computed live for drafts)."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from phoihop.reviews import selectors
from phoihop.reviews.models import ReviewReport
from phoihop.reviews.render.text import SECTION_FIELDS, document_text


class ReviewReportSerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name", read_only=True)

    class Meta:
        model = ReviewReport
        fields = [
            "id",
            "program",
            "program_name",
            "kind",
            "start",
            "end",
            "units",
            "layout",
            "title",
            "number",
            "place",
            "status",
            "issued_on",
            "revision",
        ]
        read_only_fields = fields


class ReviewApi(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Review documents the user may see; GET one for the secretariat's words, `sections`
    (the document's text, as Word prints it) and `review`, the figures."""

    serializer_class = ReviewReportSerializer

    def get_queryset(self):
        return selectors.reviews_for_user(self.request.user).order_by("-end", "-pk")

    def get_object(self):
        return selectors.get_review_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        review = selectors.review_for_user(request.user, report)
        data = dict(self.get_serializer(report).data)
        data |= {name: getattr(report, name) for name in SECTION_FIELDS}
        data["sections"] = [
            {"heading": s.heading, "paragraphs": [p.text for p in s.paragraphs]}
            for s in document_text(review, report).sections
        ]
        data["review"] = json.loads(review.to_json())
        return Response(data)


def register(router) -> None:
    router.register("reviews", ReviewApi, basename="review")
