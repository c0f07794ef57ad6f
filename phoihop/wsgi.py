import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
# The server, not a command: settings refuse to start without SECRET_KEY.
os.environ["PHOIHOP_WSGI"] = "1"
application = get_wsgi_application()
