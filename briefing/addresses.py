"""Email addresses as a mail server takes them: international domain names in their ASCII form.

An address such as ``desk@exämple.org`` is deliverable: its domain is written with IDNA
(UTS #46 mapping, IDNA 2008) as ``desk@xn--exmple-cua.org`` in the SMTP envelope and in
the message's headers alike, so the message stays ASCII and any server takes it. A local part
(before the ``@``) that is not ASCII needs the server's SMTPUTF8 extension, and Python's
``email`` package cannot write such an address into a header; schedule files refuse it
(:func:`check_deliverable`), and :func:`briefing.deliver.smtp.send` refuses it for each
recipient when the server does not offer SMTPUTF8.

It stands below schedules, rendering and delivery alike and imports nothing of briefing.
"""

from __future__ import annotations

__all__ = ["ascii_domain", "check_deliverable"]


def ascii_domain(address: str) -> str:
    """``address`` (a bare ``local@domain``) with its domain in IDNA's ASCII form; an ASCII domain is kept as it is.

    The local part is returned unchanged, ASCII or not.

    Raises:
        ValueError: there is no ``@``, or the domain is not a valid international domain name
            (the message says which, naming the address).
    """
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"{address!r} is not an email address")
    if domain.isascii():
        return address
    import idna

    try:
        encoded = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise ValueError(f"{address!r}: {domain!r} is not a valid international domain name ({exc})") from None
    return f"{local}@{encoded}"


def check_deliverable(address: str) -> str:
    """The envelope form of ``address`` (a bare ``local@domain``) if any mail server can take it.

    Raises:
        ValueError: the local part is not ASCII (it needs SMTPUTF8, which not every server
            offers, and the message's headers cannot carry it), or the domain is not a valid
            international domain name.
    """
    envelope = ascii_domain(address)
    local = envelope.rpartition("@")[0]
    if not local.isascii():
        raise ValueError(
            f"{address!r}: the part before the @ is not ASCII; such an address needs a mail server that "
            "offers SMTPUTF8 and cannot be written in the message's headers, so it cannot be delivered"
        )
    return envelope
