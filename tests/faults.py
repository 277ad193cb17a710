"""Broken neighbours for the fault tests: ports that refuse, and listeners that
accept a connection and then never answer (a hung server)."""

import contextlib
import smtplib
import socket

from django.core.mail.backends.base import BaseEmailBackend


def closed_port():
    """A local port with nothing listening: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def silent_listener():
    """A port whose connections the kernel accepts and nobody ever answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield sock.getsockname()[1]


class RefusingMailBackend(BaseEmailBackend):
    """A mail server that refuses, quoting the address as real servers do."""

    def send_messages(self, messages):
        recipient = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({recipient: (550, b"mailbox unavailable")})


def redis_cache_at(port):
    """CACHES for the site's Redis cache at a local port, with the production timeouts."""
    return {
        "default": {
            "BACKEND": "ngo.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
