"""POST /api/intake/extract/ {text, date?, committee?} → the extraction as JSON, nothing saved.

The same reading as the review screen and `manage.py extract`. Open to those who may
bring texts in (secretariat and focal points of a committee member): read-only users
get 403, a committee the user is not in 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from phoihop.core.api_params import id_field
from phoihop.intake import reading, selectors
from phoihop.intake.extract import ExtractionContext, extract


class ExtractRequestSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True)
    committee = id_field(required=False, allow_null=True)


class IntakeExtractApi(viewsets.ViewSet):
    """Read a Vietnamese text into places, organizations, people, topics, dates, figures."""

    @extend_schema(request=ExtractRequestSerializer, responses={200: dict})
    def create(self, request):
        committees = selectors.intake_committees_for_user(request.user)
        if not committees:
            raise PermissionDenied
        given = ExtractRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        committee = _committee(committees, given.validated_data.get("committee"))
        try:
            text = reading.check_text(given.validated_data["text"])
        except reading.TextRejected as error:
            return Response({"text": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        context = ExtractionContext.for_committee(committee, on=given.validated_data.get("date"))
        return Response(extract(text, context=context).to_json())


def _committee(committees, pk):
    if pk is None:
        return committees[0]
    for committee in committees:
        if committee.pk == pk:
            return committee
    raise Http404


def register(router) -> None:
    router.register("intake/extract", IntakeExtractApi, basename="intake-extract")
