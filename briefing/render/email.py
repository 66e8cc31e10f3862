"""The brief as an email: an HTML part with its CSS inlined, a plain-text part, and attachments.

The HTML part is ``brief.html`` rendered with ``output_format = "email"`` (templates drop
what mail clients cannot show, such as the table of contents), then run through
css-inline: every rule becomes a ``style`` attribute, which Gmail and Outlook keep, CSS
variables are resolved to their values, and ``@media`` rules stay in a ``<style>`` block
for the clients that read it. No stylesheet is fetched. The text part is ``brief.txt``.

Headers are built by the standard library's :mod:`email` package, never by joining
strings, so a title cannot add a header.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from briefing.errors import RenderError
from briefing.models import Brief
from briefing.render.environment import make_environment, render_template

__all__ = ["Attachment", "build_message", "render_email_html", "render_email_text"]

#: (file name, MIME type, content)
Attachment = tuple[str, str, bytes]


def render_email_html(brief: Brief, templates: Sequence[Path] = ()) -> str:
    """The brief as HTML for mail clients: ``brief.html`` for email, with its CSS inlined."""
    import css_inline

    html = render_template(make_environment(templates, for_pages=True), "brief.html", brief, output_format="email")
    inliner = css_inline.CSSInliner(
        keep_style_tags=False,
        keep_link_tags=False,
        keep_at_rules=True,
        load_remote_stylesheets=False,
        resolve_css_variables=True,
    )
    try:
        inlined: str = inliner.inline(html)
    except ValueError as exc:  # css-inline raises InlineError, a ValueError, on CSS it cannot read
        raise RenderError(f"the email's CSS could not be inlined: {exc}", hint="check your brief.css") from exc
    return inlined


def render_email_text(brief: Brief, templates: Sequence[Path] = ()) -> str:
    """The brief as plain text (``brief.txt``)."""
    return render_template(make_environment(templates), "brief.txt", brief, output_format="text")


def build_message(
    *,
    subject: str,
    sender: str,
    recipients: Sequence[str],
    text: str,
    html: str,
    attachments: Sequence[Attachment] = (),
    date: datetime | None = None,
) -> EmailMessage:
    """One message: multipart/alternative (text, then HTML) inside multipart/mixed with the attachments.

    Raises:
        RenderError: an address is not one, or the subject cannot be a header.
    """
    message = EmailMessage(policy=SMTP)
    try:
        message["Subject"] = " ".join(subject.split())
        origin = _address(sender)
        message["From"] = origin
        message["To"] = [_address(r) for r in recipients]
    except (ValueError, IndexError) as exc:
        raise RenderError(f"cannot address the email: {exc}") from exc
    message["Date"] = format_datetime(date or datetime.now().astimezone())
    domain = origin.domain or None
    message["Message-ID"] = make_msgid("brief", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: auto-responders should not answer
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    for filename, mime, data in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _address(value: str) -> Address:
    """``Name <addr>`` as a header's address, an international domain in its ASCII form (IDNA).

    An encoded word (``=?utf-8?q?…?=``) is no domain: mail servers and clients would not
    find the mailbox, so the domain is written as the SMTP envelope writes it.
    """
    from briefing.addresses import ascii_domain

    name, addr = parseaddr(value)
    if not addr or "@" not in addr or any(c in value for c in "\r\n"):
        raise ValueError(f"{value!r} is not an email address")
    return Address(display_name=name, addr_spec=ascii_domain(addr))
