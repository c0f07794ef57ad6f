"""GET /api/jobs/ and /api/jobs/{id}/: the signed-in user's background jobs and their state.

What the job page shows, for a script that queued a job and waits for it: status,
progress, the stage it is at (`stage`: "read", "check" or "save", `stage_rows` rows so
far, `stage_text` as the page says it), the Vietnamese reason of a failure, `result`
(an import's `created` and `batch`, or every error of a refused file) and the page where
the file is. Another user's job is 404, as on its page.
"""

from rest_framework import permissions, serializers, viewsets

from phoihop.core.access import get_scoped
from phoihop.jobs.models import Job
from phoihop.jobs.selectors import jobs_for_user


class JobSerializer(serializers.ModelSerializer):
    stage_text = serializers.CharField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "label",
            "status",
            "progress",
            "stage",
            "stage_rows",
            "stage_text",
            "result",
            "error",
            "page_url",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class JobReadApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = JobSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return jobs_for_user(self.request.user)

    def get_object(self):
        return get_scoped(self.get_queryset(), self.kwargs["pk"])


def register(router) -> None:
    """Register this app's API viewsets on the project router."""
    router.register("jobs", JobReadApi, basename="job")
