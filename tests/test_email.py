"""The brief as an email: inlined CSS, a text part, safe headers; SMTP settings from the environment."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from briefing import BriefConfig, build_brief
from briefing.deliver.smtp import SmtpSettings
from briefing.errors import ConfigError, RenderError
from briefing.models import Brief
from briefing.render.email import build_message, render_email_html, render_email_text
from tests.conftest import EXAMPLES
from tests.test_render import hostile_brief


@pytest.fixture(scope="module")
def brief() -> Brief:
    built, _ = build_brief([str(EXAMPLES)], BriefConfig(title="Desk brief"))
    return built


def test_the_html_part_has_its_css_inline_and_keeps_media_queries(brief: Brief) -> None:
    html = render_email_html(brief)
    body = re.search(r"<body[^>]*>", html)
    assert body is not None and 'style="' in body.group(0) and "max-width: 40em" in body.group(0)
    styles = " ".join(re.findall(r'style="([^"]*)"', html))
    assert "var(" not in styles, "CSS variables are resolved: Outlook and Gmail do not know them"
    assert "#8a1c1c" in styles  # the accent colour, from the variable
    assert "@media screen and (max-width: 600px)" in html
    assert 'class="toc"' not in html  # the contents list is left out of the email
    assert "<link" not in html
    for story in brief.stories:
        assert story.headline.replace("'", "&#x27;") in html or story.headline in html


def test_the_text_part_carries_the_brief_with_its_sources(brief: Brief) -> None:
    text = render_email_text(brief)
    assert text.startswith("DESK BRIEF\n")
    assert "AT A GLANCE" in text and "SOURCES" in text
    for story in brief.stories:
        assert story.headline in text
        for sentence in story.summary.sentences:
            assert sentence.text in text
    assert "<" not in text.replace("<=", "")  # no markup
    assert re.search(r"\[[^\]]+ ¶\d+\]", text)  # every sentence cites outlet and paragraph


def test_article_content_cannot_add_markup_to_the_email(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    from html.parser import HTMLParser

    evil = hostile_brief(tmp_path, clock)
    html = render_email_html(evil)
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))

    Tags().feed(html)  # as a mail client parses it (css-inline leaves < > unescaped inside quoted attributes)
    assert {"script", "img"}.isdisjoint(tag for tag, _ in tags)
    attributes = [(name, value or "") for _, attrs in tags for name, value in attrs]
    assert not any(name.startswith("on") for name, _ in attributes)
    assert not any(name == "href" and value.lower().startswith("javascript:") for name, value in attributes)
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in html or "&lt;script&gt;alert(&#x27;title&#x27;)" in html


def test_the_message_is_mixed_with_an_alternative_and_attachments(brief: Brief) -> None:
    message = build_message(
        subject="Desk brief — 25 November 2026",
        sender="Policy desk <briefs@example.org>",
        recipients=["desk@example.org", "Head <head@example.org>"],
        text="plain",
        html="<p>html</p>",
        attachments=[("brief.pdf", "application/pdf", b"%PDF-1.7 test")],
    )
    parsed = message_from_bytes(bytes(message), policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in parsed.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
    ]
    assert parsed["From"] == "Policy desk <briefs@example.org>"
    assert parsed["To"] == "desk@example.org, Head <head@example.org>"
    assert parsed["Message-ID"].endswith("@example.org>")
    assert parsed["Auto-Submitted"] == "auto-generated"


@pytest.mark.parametrize(
    ("subject", "shown"),
    [
        ("Brief\r\nBcc: everyone@example.org\nX-Evil: 1", "Brief Bcc: everyone@example.org X-Evil: 1"),
        ("Zürich — 港口 🚢\r\n\r\nBcc: everyone@example.org", "Zürich — 港口 🚢 Bcc: everyone@example.org"),
        ("Brief\rX-Evil: 1\u2028Bcc: x@y.org\x85To: z@y.org", "Brief X-Evil: 1 Bcc: x@y.org To: z@y.org"),
    ],
)
def test_a_subject_cannot_add_headers(subject: str, shown: str) -> None:
    message = build_message(
        subject=subject,
        sender="briefs@example.org",
        recipients=["desk@example.org"],
        text="t",
        html="h",
    )
    data = bytes(message)
    assert all(line.isascii() for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")), "headers are encoded"
    parsed = message_from_bytes(data, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert parsed["Subject"] == shown


def test_a_recipient_cannot_add_headers() -> None:
    with pytest.raises(RenderError, match="not an email address"):
        build_message(
            subject="s",
            sender="briefs@example.org",
            recipients=["desk@example.org\r\nBcc: x@y.org"],
            text="t",
            html="h",
        )


def test_an_international_domain_is_written_in_ascii_in_the_headers() -> None:
    """An encoded word is no domain: exämple.org is written as IDNA writes it, in To, From and the Message-ID."""
    message = build_message(
        subject="s",
        sender="Desk <briefs@bücher.example>",
        recipients=["desk@exämple.org", "Head <head@example.org>"],
        text="t",
        html="h",
    )
    head = bytes(message).split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and b"=?" not in head
    parsed = message_from_bytes(bytes(message), policy=policy.default)
    assert parsed["To"] == "desk@xn--exmple-cua.org, Head <head@example.org>"
    assert parsed["From"] == "Desk <briefs@xn--bcher-kva.example>"
    assert parsed["Message-ID"].endswith("@xn--bcher-kva.example>")


@pytest.mark.parametrize("smtputf8", [True, False], ids=["offered", "not-offered"])
def test_an_address_that_is_not_ascii_goes_with_smtputf8_or_is_refused_alone(smtputf8: bool) -> None:
    from briefing.deliver.smtp import send
    from tests.mailserver import MailServer

    server = MailServer(smtputf8=smtputf8).start()
    try:
        settings = SmtpSettings.from_env(server.env())
        assert settings is not None
        data = bytes(build_message(subject="s", sender=settings.sender, recipients=["d@b.org"], text="t", html="h"))
        refused = send(settings, ["dësk@exämple.org", "desk@exämple.org"], data)
    finally:
        server.stop()
    if smtputf8:
        assert refused == {}
        assert [m.recipients for m in server.received] == [["dësk@xn--exmple-cua.org", "desk@xn--exmple-cua.org"]]
    else:
        assert list(refused) == ["dësk@exämple.org"]
        assert "does not offer SMTPUTF8" in refused["dësk@exämple.org"]
        assert [m.recipients for m in server.received] == [["desk@xn--exmple-cua.org"]]


def test_smtp_settings_from_the_environment() -> None:
    assert SmtpSettings.from_env({}) is None
    settings = SmtpSettings.from_env(
        {
            "BRIEFING_SMTP_HOST": "mail.example.org",
            "BRIEFING_SMTP_SECURITY": "ssl",
            "BRIEFING_SMTP_USER": "briefs@example.org",
            "BRIEFING_SMTP_PASSWORD": "hunter2",
        }
    )
    assert settings is not None
    assert (settings.port, settings.sender, settings.retries) == (465, "briefs@example.org", 3)
    assert "hunter2" not in repr(settings)
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_SECURITY"):
        SmtpSettings.from_env(
            {"BRIEFING_SMTP_HOST": "h", "BRIEFING_SMTP_FROM": "a@b.org", "BRIEFING_SMTP_SECURITY": "tls"}
        )
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_FROM"):
        SmtpSettings.from_env({"BRIEFING_SMTP_HOST": "h", "BRIEFING_SMTP_USER": "briefs"})
    with pytest.raises(ConfigError, match=r"BRIEFING_SMTP_FROM: .* not a valid international domain name"):
        SmtpSettings.from_env({"BRIEFING_SMTP_HOST": "h", "BRIEFING_SMTP_FROM": "briefs@exämple-.org"})
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_PORT"):
        SmtpSettings.from_env(
            {"BRIEFING_SMTP_HOST": "h", "BRIEFING_SMTP_FROM": "a@b.org", "BRIEFING_SMTP_PORT": "99999"}
        )
