"""Personal tokens for the calendar and the feed: calendar apps and feed readers cannot log in."""

import hashlib
import secrets

from django.conf import settings
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
