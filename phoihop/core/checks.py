"""System checks of our own settings (run by `manage.py check`, `--deploy` for servers)."""

import os

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    """A server's key comes from SECRET_KEY, not from the checkout's generated file."""
    if "SECRET_KEY" in os.environ:
        return []
    return [Warning(
        "SECRET_KEY chưa được đặt: đang dùng khóa sinh ra trong "
        f"{settings.SECRET_KEY_FILE}. Hãy đặt SECRET_KEY cho máy chủ. / SECRET_KEY is not set: "
        "using the key generated for this checkout; set SECRET_KEY on a server.",
        id="phoihop.W001",
    )]
