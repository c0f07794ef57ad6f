"""One router for the REST API; each app registers its viewsets in its api.py."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from phoihop.accounts.api import register as register_accounts
from phoihop.localities.api import register as register_localities
from phoihop.organizations.api import register as register_organizations

router = DefaultRouter()
register_localities(router)
register_organizations(router)
register_accounts(router)

urlpatterns = [path("", include(router.urls))]
