from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from phoihop.core.selectors import home_overview_for_user


@login_required
def home(request):
    return render(request, "core/home.html", {"overview": home_overview_for_user(request.user)})
