"""Sending a rendered email through an SMTP server, with retries.

Settings come from the environment only, so a password never sits in a schedule file:

=========================  ===========================================================
``BRIEFING_SMTP_HOST``     the server (no host: email is not configured)
``BRIEFING_SMTP_PORT``     default 587 for starttls, 465 for ssl, 25 for none
``BRIEFING_SMTP_SECURITY`` ``starttls`` (default), ``ssl`` or ``none``
``BRIEFING_SMTP_USER``     log in as this user (with the password), if set
``BRIEFING_SMTP_PASSWORD`` never logged, never shown in a message
``BRIEFING_SMTP_FROM``     the sender address (default: the user, if it is an address)
``BRIEFING_SMTP_CAFILE``   certificates to trust besides the system's (a private relay)
``BRIEFING_SMTP_TIMEOUT``  seconds to wait for the server (default 30)
``BRIEFING_SMTP_RETRIES``  attempts before giving up for this run (default 3)
=========================  ===========================================================

:func:`send` tries up to ``retries`` times, waiting 2, 4, 8… seconds between attempts,
and returns which recipients the server refused; a failure that affects everyone raises
:class:`~briefing.errors.DeliveryError`. The caller records the outcome per recipient.

Addresses with an international domain (``desk@exämple.org``) are given to the server with the
domain in IDNA's ASCII form (:mod:`briefing.addresses`). An address whose local part is not
ASCII is sent with SMTPUTF8 when the server offers it, and otherwise refused for that recipient
alone, with the reason.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr

from briefing.addresses import ascii_domain
from briefing.errors import ConfigError, DeliveryError

__all__ = ["SmtpSettings", "send"]

log = logging.getLogger("briefing.deliver.smtp")

_SECURITY = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """How to reach the mail server; ``password`` is left out of ``repr``."""

    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    cafile: str = ""
    timeout: float = 30.0
    retries: int = 3
    #: seconds before the second attempt; doubled before each later one
    backoff: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings | None:
        """Settings from ``BRIEFING_SMTP_*`` variables; None when no host is set.

        Raises:
            ConfigError: a value is invalid (naming the variable, never showing the password).
        """
        host = env.get("BRIEFING_SMTP_HOST", "").strip()
        if not host:
            return None
        security = env.get("BRIEFING_SMTP_SECURITY", "starttls").strip().lower() or "starttls"
        if security not in _SECURITY:
            message = f"BRIEFING_SMTP_SECURITY must be starttls, ssl or none, not {security!r}"
            raise ConfigError(message, field="BRIEFING_SMTP_SECURITY")
        port = _number(env, "BRIEFING_SMTP_PORT", _SECURITY[security], 1, 65535)
        user = env.get("BRIEFING_SMTP_USER", "").strip()
        sender = env.get("BRIEFING_SMTP_FROM", "").strip() or (user if "@" in user else "")
        if not sender or "@" not in sender or any(c in sender for c in "\r\n"):
            raise ConfigError(
                "BRIEFING_SMTP_FROM must be the sender's email address",
                field="BRIEFING_SMTP_FROM",
                hint="set BRIEFING_SMTP_FROM=briefs@example.org",
            )
        try:
            ascii_domain(parseaddr(sender)[1] or sender)
        except ValueError as exc:
            raise ConfigError(f"BRIEFING_SMTP_FROM: {exc}", field="BRIEFING_SMTP_FROM") from None
        return cls(
            host=host,
            port=port,
            security=security,
            user=user,
            password=env.get("BRIEFING_SMTP_PASSWORD", ""),
            sender=sender,
            cafile=env.get("BRIEFING_SMTP_CAFILE", "").strip(),
            timeout=float(_number(env, "BRIEFING_SMTP_TIMEOUT", 30, 1, 3600)),
            retries=_number(env, "BRIEFING_SMTP_RETRIES", 3, 1, 20),
        )

    @property
    def where(self) -> str:
        """``host:port (security)`` for messages."""
        return f"{self.host}:{self.port} ({self.security})"


def _number(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}", field=name) from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be from {low} to {high}, not {value}", field=name)
    return value


def send(
    settings: SmtpSettings,
    recipients: Sequence[str],
    message: bytes,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, str]:
    """Hand ``message`` (the whole RFC 5322 message) to the server for ``recipients``.

    Returns the recipients the server refused, each with its reply; an empty dict when
    all were accepted.

    Raises:
        DeliveryError: after ``settings.retries`` attempts the server still could not be
            reached, refused the login or the sender, or refused every recipient.
    """
    last: DeliveryError | None = None
    for attempt in range(1, settings.retries + 1):
        try:
            return _send_once(settings, recipients, message)
        except DeliveryError as exc:
            last = exc
            if not exc.temporary or attempt == settings.retries:
                break
            wait = settings.backoff * 2 ** (attempt - 1)
            log.warning("email via %s failed (%s); trying again in %.0f s", settings.where, exc, wait)
            sleep(wait)
    assert last is not None
    raise last


def _send_once(settings: SmtpSettings, recipients: Sequence[str], message: bytes) -> dict[str, str]:
    sender = _envelope_sender(settings)
    # each recipient as the server is given it (an international domain in IDNA's ASCII form); one that
    # cannot be written so is refused here, alone, and the others are sent to
    wire: dict[str, str] = {}
    unsendable: dict[str, str] = {}
    for recipient in recipients:
        try:
            wire[recipient] = ascii_domain(recipient)
        except ValueError as exc:
            unsendable[recipient] = f"not sent: {exc}"
    if not wire:
        return unsendable
    context = ssl.create_default_context(cafile=settings.cafile or None)
    try:
        client: smtplib.SMTP
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            client.ehlo_or_helo_if_needed()
            if settings.user:
                client.login(settings.user, settings.password)
            options = _utf8_options(settings, client, sender, wire, unsendable)
            if not wire:
                return unsendable
            by_wire = {w: r for r, w in wire.items()}
            try:
                refused = client.sendmail(sender, list(wire.values()), message, mail_options=options)
            except smtplib.SMTPRecipientsRefused as exc:
                return {**unsendable, **{by_wire.get(w, w): _code(v) for w, v in exc.recipients.items()}}
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"{settings.where} refused the login for {settings.user!r}: {_reply(exc)}",
            temporary=False,
            hint="check BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD",
        ) from None
    except smtplib.SMTPSenderRefused as exc:
        raise DeliveryError(
            f"{settings.where} refused the sender {settings.sender!r}: {_reply(exc)}",
            temporary=exc.smtp_code < 500,
            hint="check BRIEFING_SMTP_FROM",
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(
            f"{settings.where}: {exc}", temporary=False, hint="set BRIEFING_SMTP_SECURITY to what the server offers"
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{settings.where} answered {_reply(exc)}", temporary=exc.smtp_code < 500) from None
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"TLS with {settings.where} failed: {exc.reason or exc}",
            temporary=False,
            hint="check BRIEFING_SMTP_SECURITY, or BRIEFING_SMTP_CAFILE for a private certificate",
        ) from None
    except UnicodeError as exc:
        # a value the SMTP conversation cannot carry: trying again will not help
        raise DeliveryError(f"{settings.where}: cannot send the email: {exc}", temporary=False) from None
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"cannot reach {settings.where}: {exc}") from None
    return {**unsendable, **{by_wire.get(w, w): _code(v) for w, v in refused.items()}}


def _envelope_sender(settings: SmtpSettings) -> str:
    """The sender's bare address as the server is given it (an international domain in its ASCII form).

    Raises:
        DeliveryError: the sender's domain is not a valid international domain name.
    """
    bare = parseaddr(settings.sender)[1] or settings.sender
    try:
        return ascii_domain(bare)
    except ValueError as exc:
        raise DeliveryError(f"BRIEFING_SMTP_FROM: {exc}", temporary=False, hint="check BRIEFING_SMTP_FROM") from None


def _utf8_options(
    settings: SmtpSettings, client: smtplib.SMTP, sender: str, wire: dict[str, str], unsendable: dict[str, str]
) -> list[str]:
    """``["SMTPUTF8"]`` when an address is not ASCII and the server offers the extension, else none.

    Without the extension each recipient whose address is not ASCII is moved from ``wire`` to
    ``unsendable`` with the reason (the others are still sent to).

    Raises:
        DeliveryError: the sender's address is not ASCII and the server does not offer SMTPUTF8.
    """
    if sender.isascii() and all(w.isascii() for w in wire.values()):
        return []
    if client.has_extn("smtputf8"):
        return ["SMTPUTF8"]
    if not sender.isascii():
        raise DeliveryError(
            f"{settings.where} does not offer SMTPUTF8, which the sender {sender!r} needs "
            "(the part before the @ is not ASCII)",
            temporary=False,
            hint="set BRIEFING_SMTP_FROM to an ASCII address",
        )
    for recipient in [r for r, w in wire.items() if not w.isascii()]:
        del wire[recipient]
        unsendable[recipient] = (
            f"not sent: {settings.where} does not offer SMTPUTF8, which {recipient!r} needs "
            "(the part before the @ is not ASCII)"
        )
    return []


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _code(value: tuple[int, bytes]) -> str:
    code, text = value
    return f"{code} {' '.join(text.decode('utf-8', 'replace').split())}"
