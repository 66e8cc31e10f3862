"""A real SMTP server on 127.0.0.1 for delivery tests (aiosmtpd), and the environment that points briefing at it."""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    login: str | None
    tls: bool

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class _Handler:
    received: list[Received] = field(default_factory=list)
    #: recipients refused at RCPT with 550
    refuse: set[str] = field(default_factory=set)
    #: answer DATA with this (e.g. "451 try later") instead of accepting
    fail_data: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.fail_data:
            return self.fail_data
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
        self.received.append(
            Received(
                sender=envelope.mail_from,
                recipients=list(envelope.rcpt_tos),
                data=bytes(envelope.content),
                login=login,
                tls=session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            )
        )
        return "250 OK queued"


class MailServer:
    """aiosmtpd on a free loopback port; ``security`` is none, starttls (with AUTH) or ssl; SMTPUTF8 if asked."""

    USER = "briefs"
    PASSWORD = "s3cret-Pa55"

    def __init__(
        self, security: str = "none", *, certs: Any = None, port: int | None = None, smtputf8: bool = False
    ) -> None:
        self.security = security
        self.port = port or free_port()
        self.handler = _Handler()
        self.certs = certs
        kwargs: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}  # offer SMTPUTF8 in the EHLO reply, or not
        if security != "none":
            assert certs is not None, "TLS needs trustme certificates"
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            certs.server_cert.configure_cert(context)
            if security == "starttls":
                kwargs.update(
                    tls_context=context,
                    require_starttls=True,
                    auth_required=True,
                    authenticator=self._authenticate,
                )
            else:
                # the whole connection is TLS, which aiosmtpd's session does not see: allow AUTH on it
                kwargs.update(ssl_context=context, authenticator=self._authenticate, auth_require_tls=False)
        self._kwargs = kwargs
        self.controller: Controller | None = None  # made on start: an unstarted Controller leaks its event loop

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.USER
            and auth_data.password.decode() == self.PASSWORD
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def start(self) -> MailServer:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **self._kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def env(self, **extra: str) -> dict[str, str]:
        """BRIEFING_SMTP_* for this server."""
        env = {
            "BRIEFING_SMTP_HOST": "127.0.0.1",
            "BRIEFING_SMTP_PORT": str(self.port),
            "BRIEFING_SMTP_SECURITY": self.security,
            "BRIEFING_SMTP_FROM": "Briefing desk <briefs@example.org>",
            "BRIEFING_SMTP_RETRIES": "1",
        }
        if self.security != "none":
            env["BRIEFING_SMTP_USER"] = self.USER
            env["BRIEFING_SMTP_PASSWORD"] = self.PASSWORD
        env.update(extra)
        return env


class DroppingRelay:
    """A TCP relay on 127.0.0.1 in front of a mail server that cuts connections part-way through a message.

    The first ``drops`` connections are cut after ``after`` bytes of message data have passed
    (after the client's ``DATA`` command, before the closing ``.``): the server never sees
    the end of the message, and the client sees the connection drop while it is still sending.
    Later connections are relayed whole.
    """

    def __init__(self, upstream_port: int, *, drops: int = 1, after: int = 2048) -> None:
        self.upstream_port = upstream_port
        self.drops = drops
        self.after = after
        self.cut = 0  # connections cut so far
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []

    def start(self) -> DroppingRelay:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        for sock in [self._listener, *self._sockets]:
            try:
                sock.close()
            except OSError:
                pass

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # the listener was closed
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            self._sockets += [client, upstream]
            self.connections += 1
            cut = self.cut < self.drops
            if cut:
                self.cut += 1
            for target, args in ((self._pump, (upstream, client)), (self._client_side, (client, upstream, cut))):
                thread = threading.Thread(target=target, args=args, daemon=True)
                thread.start()
                self._threads.append(thread)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            _shut(source, sink)

    def _client_side(self, client: socket.socket, upstream: socket.socket, cut: bool) -> None:
        seen = b""  # commands so far, until DATA
        sent = -1  # message bytes relayed since DATA; -1 before it
        try:
            while chunk := client.recv(65536):
                if cut and sent < 0:
                    seen += chunk
                    if b"\r\nDATA\r\n" in b"\r\n" + seen.upper():
                        sent = 0
                elif cut:
                    room = self.after - sent
                    if len(chunk) >= room:
                        upstream.sendall(chunk[:room])
                        client.close()  # the connection drops in the middle of the message
                        upstream.close()
                        return
                    sent += len(chunk)
                upstream.sendall(chunk)
        except OSError:
            pass
        finally:
            _shut(client, upstream)


def _shut(*sockets: socket.socket) -> None:
    """Shut both directions of each socket, whatever state it is in."""
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
