"""Encryption of donors' account and national numbers, and how they are masked."""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


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
