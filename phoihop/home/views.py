from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from phoihop.home.selectors import home_overview_for_user, todos_for_user


@login_required
def home(request):
    context = {
        "overview": home_overview_for_user(request.user),
        "todos": todos_for_user(request.user),
    }
    return render(request, "home/home.html", context)
