"""The officer's own page: the personal calendar and feed addresses, to renew or revoke, and
the reminder digest by e-mail, to take or stop."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ReminderSubscriptionForm
from ..models import FeedToken, ReminderSubscription

# The new key survives one redirect in the session, so it is shown once and never stored.
NEW_KEY_SESSION = "new_feed_token"


def _personal_urls(request, key):
    query = "?" + urlencode({"token": key})
    return {
        "calendar": request.build_absolute_uri(reverse("dossiers:calendar") + query),
        "feed": request.build_absolute_uri(reverse("dossiers:stage_feed") + query),
    }


@require_http_methods(["GET", "POST"])
def account(request):
    """GET shows the addresses (in full once, right after renewing) and the reminder choice;
    POST renews or revokes the addresses, or saves the reminder choice."""
    subscription = ReminderSubscription.objects.filter(user=request.user).first()
    reminder_form = ReminderSubscriptionForm(instance=subscription)
    if request.method == "POST" and request.POST.get("action") == "reminders":
        reminder_form = ReminderSubscriptionForm(
            request.POST, instance=subscription or ReminderSubscription(user=request.user)
        )
        if reminder_form.is_valid():
            reminder_form.save()
            messages.success(request, _("Your reminder choice is saved."))
            return redirect("dossiers:account")
    elif request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            request.session[NEW_KEY_SESSION] = FeedToken.objects.issue(request.user)
            messages.success(request, _("New addresses made; the previous ones no longer work."))
        elif action == "revoke":
            FeedToken.objects.filter(user=request.user).delete()
            messages.success(request, _("Your calendar and feed addresses no longer work."))
        else:
            return HttpResponseBadRequest()
        return redirect("dossiers:account")
    key = request.session.pop(NEW_KEY_SESSION, None)
    context = {
        "token": FeedToken.objects.filter(user=request.user).first(),
        "urls": _personal_urls(request, key) if key else None,
        "reminder_form": reminder_form,
    }
    status = 400 if reminder_form.errors else 200
    return render(request, "dossiers/account/account.html", context, status=status)
