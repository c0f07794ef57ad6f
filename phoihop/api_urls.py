"""One router for the REST API; each app registers its viewsets in its api.py."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from phoihop.accounts.api import register as register_accounts
from phoihop.activities.api import register as register_activities
from phoihop.exchange.api import register as register_exchange
from phoihop.hotspots.api import register as register_hotspots
from phoihop.intake.api import register as register_intake
from phoihop.jobs.api import register as register_jobs
from phoihop.localities.api import register as register_localities
from phoihop.organizations.api import register as register_organizations
from phoihop.practices.api import register as register_practices
from phoihop.programs.api import register as register_programs
from phoihop.reporting.api import register as register_reporting
from phoihop.reviews.api import register as register_reviews
from phoihop.search.api import register as register_search
from phoihop.situations.api import register as register_situations

router = DefaultRouter()
register_localities(router)
register_organizations(router)
register_accounts(router)
register_activities(router)
register_programs(router)
register_reporting(router)
register_situations(router)
register_hotspots(router)
register_exchange(router)
register_practices(router)
register_reviews(router)
register_intake(router)
register_jobs(router)
register_search(router)

urlpatterns = [path("", include(router.urls))]
