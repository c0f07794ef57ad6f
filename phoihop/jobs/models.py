"""A background job as its user sees it: what, whose, its state, its file or why it failed.

The queue itself is django-tasks' (a table of django_tasks_db in the same database); this
row is the part the product owns: who started it (only they see it), which record it is
about (`page_url`), what it was given (`params`, an `input_file` such as an uploaded
workbook, deleted once the job ends), the progress the task reports (a percent, and a stage
with a count of rows), and what it ended with: a file, a `result` for its page to show (an
import's count, or every error of the file), or the Vietnamese reason of a failure.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.lib.vnformat import number


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


STAGES = {
    "read": _("Đã đọc %(rows)s dòng"),
    "check": _("Đang kiểm tra %(rows)s dòng"),
    "save": _("Đang lưu %(rows)s dòng"),
}


class Job(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("người yêu cầu")
    )
    kind = models.CharField(_("loại việc"), max_length=40)
    subject_id = models.PositiveIntegerField(_("mã bản ghi"))
    label = models.CharField(_("tên việc"), max_length=300)
    page_url = models.CharField(_("trang của việc"), max_length=300, blank=True)
    task_id = models.CharField(_("mã trong hàng đợi"), max_length=64, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = models.CharField(_("bước đang làm"), max_length=20, blank=True)
    stage_rows = models.PositiveIntegerField(_("số dòng đã làm"), default=0)
    language = models.CharField(_("ngôn ngữ"), max_length=10, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    input_file = models.FileField(_("tệp đầu vào"), upload_to="jobs/inputs/%Y/%m/", blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    error = models.TextField(_("lý do không thành công"), blank=True)
    file = models.FileField(_("tệp kết quả"), upload_to="jobs/%Y/%m/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "subject_id"], name="jobs_user_kind_subject_idx")]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}

    @property
    def stage_text(self) -> str:
        """"Đã đọc 4.000 dòng", in the reader's language; "" when the task names no stage."""
        template = STAGES.get(self.stage)
        return str(template) % {"rows": number(self.stage_rows)} if template else ""
