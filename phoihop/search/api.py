"""GET /api/search/?q= → the header search's groups as JSON, with the page's scoping.

The same read as the page (selectors.search_for_user): each kind from its model's
`visible_to(user)`, so a sensitive case the caller may not see is neither listed nor
counted. `q` is held to the same bounds as the box (an empty, over-long or control-character
text answers 400 with a Vietnamese message).
"""

from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from phoihop.lib.bounds import MAX_QUERY
from phoihop.lib.text import fold
from phoihop.search.forms import SearchForm
from phoihop.search.selectors import search_for_user


class HitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    context = serializers.CharField()


class GroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["activities", "cases", "reports", "organizations", "places", "reviews"]
    )
    label = serializers.CharField()
    total = serializers.IntegerField()
    hits = HitSerializer(many=True)
    more_url = serializers.CharField(allow_null=True)


@extend_schema_serializer(many=False)  # one object for the query, groups in `results`
class SearchSerializer(serializers.Serializer):
    q = serializers.CharField()
    results = GroupSerializer(many=True)


class SearchApi(viewsets.GenericViewSet):
    """Find activities, cases, reports, organizations, places and reviews by name, without
    diacritics; the first few of each kind you may see, and how many there are."""

    serializer_class = SearchSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_QUERY},
                required=True,
                description="Nội dung cần tìm (không cần dấu), tối đa 100 ký tự.",
            ),
        ],
    )
    def list(self, request):
        form = SearchForm({"q": request.query_params.get("q", "")})
        if not form.is_valid():
            raise serializers.ValidationError({"q": [form.first_error()]})
        q = form.cleaned_data["q"]
        if not fold(q):
            raise serializers.ValidationError({"q": [_("Hãy gõ ít nhất một chữ cái hoặc chữ số.")]})
        groups = [asdict(group) for group in search_for_user(request.user, q)]
        return Response({"q": q, "results": groups})


def register(router) -> None:
    router.register("search", SearchApi, basename="search")
