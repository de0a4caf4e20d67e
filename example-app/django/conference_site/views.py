from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def message_list(request):
    """The signed-in user's messages, whichever half of the site added them."""
    return render(request, "messages.html")
