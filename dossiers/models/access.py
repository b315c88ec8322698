"""Personal tokens for the calendar and the feed: calendar apps and feed readers cannot log in."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class FeedTokenQuerySet(models.QuerySet):
    def issue(self, user):
        """Give `user` a new key, revoking the old one; the key itself is returned only here."""
        key = secrets.token_urlsafe(32)
        self.update_or_create(
            user=user, defaults={"key_hash": hash_key(key), "created_at": timezone.now()}
        )
        return key

    def user_for_key(self, key):
        """The active user whose current key this is, or None."""
        token = self.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            return None
        return token.user


class FeedToken(models.Model):
    """A user's key for /agenda.ics and /feed/stadia/ only; only its hash is stored.

    Renewing replaces it, so an address that leaked stops working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="feed_token",
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar and feed token")
        verbose_name_plural = _("calendar and feed tokens")

    def __str__(self):
        return str(self.user)


class ReminderSubscription(models.Model):
    """A user's choice to get the daily reminder digest by e-mail (reminders.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reminder_subscription",
    )
    is_active = models.BooleanField(_("send me the digest"), default=False)
    days_ahead = models.PositiveSmallIntegerField(
        _("days ahead"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Commitments and milestones due within this many days are in the digest."),
    )
    last_sent_on = models.DateField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder subscription")
        verbose_name_plural = _("reminder subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_ahead__gte=1, days_ahead__lte=90),
                name="reminder_days_ahead_in_range",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.days_ahead}"
