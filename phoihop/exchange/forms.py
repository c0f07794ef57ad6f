"""Forms of the information exchange pages: bulletins and notification preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.exchange.models import Bulletin, Digest
from phoihop.organizations.models import Organization


class BulletinForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề"), max_length=Bulletin._meta.get_field("title").max_length
    )
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}))
    recipients = forms.ModelMultipleChoiceField(
        label=_("Gửi tới"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: gửi cả Ban Chỉ đạo."),
    )

    def __init__(self, data=None, *, committee, sender_id=None, **kwargs):
        super().__init__(data, **kwargs)
        members = Organization.objects.filter(memberships__committee=committee)
        if sender_id:
            members = members.exclude(pk=sender_id)
        self.fields["recipients"].queryset = members.order_by("memberships__order", "name")


class PreferenceForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("Nhận thư thông báo"), choices=Digest.choices, widget=forms.RadioSelect
    )
