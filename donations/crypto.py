"""Encryption of donors' account and national numbers, and how they are masked."""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models


def _fernet():
    # The first key encrypts; every key decrypts, so old rows survive a rotation.
    return MultiFernet([Fernet(key) for key in settings.DONOR_DATA_KEYS])


def encrypt(value):
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token):
    return _fernet().decrypt(token.encode()).decode() if token else ""


def mask(hint):
    """What staff see by default: dots and the last characters kept as a hint."""
    return f"•••• {hint}" if hint else "—"


def secret_number_fields(blank=False):
    """The two columns that keep a number secret: the encrypted number, and its
    last characters as a hint that lets staff recognise it without seeing it."""
    return (
        models.TextField(editable=False, blank=blank),
        models.CharField(max_length=4, editable=False, blank=blank),
    )


class SecretNumbers:
    """For models with `<name>_encrypted` and `<name>_hint` from secret_number_fields."""

    def keep_secret(self, name, value, hint):
        setattr(self, f"{name}_encrypted", encrypt(value))
        setattr(self, f"{name}_hint", hint if value else "")

    def reveal_secret(self, name):
        return decrypt(getattr(self, f"{name}_encrypted"))

    def masked_secret(self, name):
        return mask(getattr(self, f"{name}_hint"))


def encrypt_bytes(content):
    return _fernet().encrypt(content).decode()


def decrypt_bytes(token):
    return _fernet().decrypt(token.encode())
