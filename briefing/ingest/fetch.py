"""Fetching feeds and pages over HTTP, politely and within limits.

:class:`Fetcher` wraps one ``httpx.Client``: a timeout on every phase and a deadline on
the whole transfer (a server that trickles bytes cannot hold a run), a budget for all the
run's transfers together, a cap on the body size *after* decompression (a gzip bomb or an
endless body stops at the cap), a limited number of redirects, a User-Agent that names the
tool, and a delay between requests to the same host. :meth:`Fetcher.fetch_many` fetches
concurrently with a bound.

Deadlines: httpx's timeouts bound each network operation, so a peer that sends one header
line every few seconds never trips them. The client's connections are therefore made by
:class:`_GuardedBackend`, whose streams give every connect, TLS handshake, write and read
at most the time left before the transfer's deadline (``deadline`` seconds from its start,
or the end of the run's ``budget`` when that comes first): the status line, the headers and
the body all count, and a transfer ends within about ``deadline`` seconds whatever the peer
does. Once the budget is spent, the remaining fetches are not started and come back
``skipped``.

Addresses: a feed names the pages it links to, and a server names where it redirects, so
either could point ``briefing`` at the machine it runs on or its network (a router, an
intranet, the cloud metadata service at 169.254.169.254) and carry what is there into a brief
that may be emailed out. The same backend therefore resolves each host name once, refuses the
loopback, private, link-local, multicast and reserved addresses among the answers, and
connects to an address it checked — never to the name again, so a DNS answer that changes
between the check and the connection (rebinding) gains nothing. TLS and the ``Host`` header
still use the name. Every connection is checked, each redirect's included. The hosts the user
named are let through: the host and port of each input address (:meth:`Fetcher.allow_url`)
and the ``allow_hosts`` of the settings. A refused fetch comes back with ``refused`` set.

Politeness: requests to one host start at least ``host_delay`` seconds apart within the fetcher. Given a
:class:`HostGate`, the gate spaces them instead, so processes that share one (the queue's workers, whose gate
is a row per host in their database: :mod:`briefing.queue.hosts`) keep their gap between them all.

Conditional requests: given a :class:`ValidatorStore`, the ``ETag`` and ``Last-Modified``
of each response are remembered and sent back as ``If-None-Match`` /
``If-Modified-Since``; a ``304 Not Modified`` comes back as a result with
``not_modified`` set. :class:`JsonValidatorStore` keeps them in a file; the queue's shared
fetching keeps each feed's in its database (:mod:`briefing.queue.fetching`).

Nothing here raises for a failed fetch: the result carries ``error``, a short reason a
reader can act on ("timed out after 10 s", "HTTP 404 Not Found").
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpcore
import httpx

from briefing import __version__

__all__ = ["FetchResult", "FetchSettings", "Fetcher", "HostGate", "JsonValidatorStore", "ValidatorStore"]

#: a socket option as httpcore takes it: (level, option, value)
SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]

USER_AGENT = f"briefing/{__version__} (+https://pypi.org/project/briefing/; news brief generator)"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """Limits for one run's fetching."""

    timeout: float = 10.0  #: seconds for connecting and for each read
    deadline: float = 30.0  #: seconds for a whole transfer (connect, headers, body), however the bytes trickle in
    budget: float | None = 600.0  #: seconds for all of a run's transfers together, from the first; None: no limit
    #: hosts (``name`` or ``name:port``) fetched even at a loopback, private or reserved address
    allow_hosts: tuple[str, ...] = ()
    max_bytes: int = 5 * 1024 * 1024  #: body size after decompression
    max_redirects: int = 5
    concurrency: int = 8  #: requests in flight at once
    host_delay: float = 0.5  #: seconds between two requests to the same host
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    """What one fetch gave: the body, or why there is none."""

    url: str
    final_url: str = ""
    status: int = 0
    content: bytes = b""
    content_type: str = ""
    not_modified: bool = False
    error: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    #: not fetched, or cut short, because the run's fetch budget was spent (``error`` says so)
    skipped: bool = False
    #: not fetched because the host, or a redirect, is at a loopback, private or reserved address
    refused: bool = False

    @property
    def ok(self) -> bool:
        """True when a body (or a 304) came back."""
        return not self.error


class ValidatorStore(Protocol):
    """Remembers each URL's ``ETag`` and ``Last-Modified`` between runs."""

    def get(self, url: str) -> tuple[str, str]:
        """The (etag, last_modified) last seen for ``url``; empty strings when none."""
        ...

    def put(self, url: str, etag: str, last_modified: str) -> None:
        """Remember the validators of a fresh response."""
        ...


class HostGate(Protocol):
    """Spaces the requests to each host, for every fetcher that shares the gate."""

    def reserve(self, host: str) -> float:
        """Take ``host``'s next turn; returns the seconds to wait before it comes (0: now)."""
        ...


class JsonValidatorStore:
    """A :class:`ValidatorStore` kept in one JSON file, written atomically by :meth:`save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self._data: dict[str, list[str]] = {
            k: [str(x) for x in v][:2] for k, v in data.items() if isinstance(v, list) and len(v) == 2
        }

    def get(self, url: str) -> tuple[str, str]:
        """The (etag, last_modified) last seen for ``url``."""
        with self._lock:
            etag, modified = self._data.get(url, ["", ""])
        return etag, modified

    def put(self, url: str, etag: str, last_modified: str) -> None:
        """Remember validators; call :meth:`save` once the run's brief is written."""
        with self._lock:
            self._data[url] = [etag, last_modified]

    def save(self) -> None:
        """Write the store (atomically)."""
        from briefing.atomic import write_atomic

        with self._lock:
            data = json.dumps(self._data, indent=1, sort_keys=True).encode("utf-8")
        write_atomic(self.path, data)


class _Refused(Exception):
    """A transfer stopped by a limit; the message is the reason shown to the reader."""


class _DeadlineReached(_Refused):
    """A transfer stopped at its deadline, or at the end of the run's budget."""

    def __init__(self, message: str, *, budget: bool) -> None:
        super().__init__(message)
        self.budget = budget


class _AddressRefused(_Refused):
    """A connection refused because the host is at a loopback, private or reserved address."""


class _NamedHosts:
    """The hosts the user named, fetched whatever their address: ``name`` (any port) or ``name:port``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: set[str] = set()
        self._origins: set[tuple[str, int]] = set()

    def add(self, entry: str) -> None:
        """Let ``entry`` through: ``host``, ``host:port``, ``[v6]`` or ``[v6]:port``.

        Raises:
            ValueError: the entry is not a host name or address with an optional port.
        """
        host, port = _split_host(entry)
        with self._lock:
            if port is None:
                self._hosts.add(host)
            else:
                self._origins.add((host, port))

    def add_url(self, url: str) -> None:
        """Let the host and port of ``url`` through (a URL that cannot be read adds nothing)."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError:
            return
        if host and parts.scheme in _PORTS:
            with self._lock:
                self._origins.add((_normal_host(host), port or _PORTS[parts.scheme]))

    def __contains__(self, origin: tuple[str, int]) -> bool:
        host = _normal_host(origin[0])
        with self._lock:
            return host in self._hosts or (host, origin[1]) in self._origins


_PORTS = {"http": 80, "https": 443}
_HOST_ENTRY = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[^\s/:@\[\]]+))(?::(?P<port>\d{1,5}))?$")


def _normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _split_host(entry: str) -> tuple[str, int | None]:
    """``host`` or ``host:port`` (an IPv6 address bare or in brackets) as (host, port or None).

    Raises:
        ValueError: anything else, such as a URL.
    """
    text = entry.strip()
    try:
        return str(ipaddress.IPv6Address(text)), None  # a bare IPv6 address holds colons but no port
    except ValueError:
        pass
    m = _HOST_ENTRY.match(text)
    port = int(m.group("port")) if m and m.group("port") else None
    if m is None or (port is not None and not 0 < port < 65536):
        raise ValueError(f"{entry!r} is not a host name or address, with an optional :port")
    return _normal_host(m.group("v6") or m.group("name")), port


def check_allowed_host(entry: str) -> None:
    """Raise ValueError unless ``entry`` is a valid ``allow_hosts`` entry (``host`` or ``host:port``)."""
    _split_host(entry)


_METADATA = ipaddress.ip_address("169.254.169.254")


def _not_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """What kind of address ``ip`` is when it is not one on the public internet, else an empty string."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return _not_public(inner)
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip == _METADATA:
        return "the cloud metadata address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved or not ip.is_global:
        return "a reserved address"
    return ""


class _Transfer(threading.local):
    """The deadline of the transfer running in this thread (httpx runs a request in its caller's thread)."""

    deadline: float | None = None
    message: str = ""
    budget: bool = False

    def bound(self, timeout: float | None) -> tuple[float | None, bool]:
        """``timeout`` cut to the time left before the deadline, and whether it was cut.

        Raises:
            _DeadlineReached: no time is left.
        """
        if self.deadline is None:
            return timeout, False
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _DeadlineReached(self.message, budget=self.budget)
        if timeout is None or left < timeout:
            return left, True
        return timeout, False


class _GuardedStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the deadline of the transfer using it."""

    def __init__(self, inner: httpcore.NetworkStream, transfer: _Transfer) -> None:
        self._inner = inner
        self._transfer = transfer

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read at most ``max_bytes``, within the time left."""
        limit, cut = self._transfer.bound(timeout)
        try:
            return self._inner.read(max_bytes, limit)
        except httpcore.TimeoutException:
            if cut:
                raise _DeadlineReached(self._transfer.message, budget=self._transfer.budget) from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write ``buffer``, within the time left."""
        limit, cut = self._transfer.bound(timeout)
        try:
            self._inner.write(buffer, limit)
        except httpcore.TimeoutException:
            if cut:
                raise _DeadlineReached(self._transfer.message, budget=self._transfer.budget) from None
            raise

    def close(self) -> None:
        """Close the connection."""
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        """The TLS handshake, within the time left; the TLS stream is guarded too."""
        limit, cut = self._transfer.bound(timeout)
        try:
            inner = self._inner.start_tls(ssl_context, server_hostname, limit)
        except httpcore.TimeoutException:
            if cut:
                raise _DeadlineReached(self._transfer.message, budget=self._transfer.budget) from None
            raise
        return _GuardedStream(inner, self._transfer)

    def get_extra_info(self, info: str) -> Any:
        """What httpcore asks of the connection (its socket, TLS object, addresses)."""
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Makes the client's connections: each bounded by the deadline of the transfer that opens or uses it."""

    def __init__(self, transfer: _Transfer, named: _NamedHosts) -> None:
        self._transfer = transfer
        self._named = named
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve ``host`` once, keep the addresses it may reach, and connect to one of them, within the time left.

        Raises:
            _AddressRefused: every address of ``host`` is loopback, private or reserved, and the user did not name it.
        """
        addresses = self._resolve(host, port, timeout)
        if (host, port) not in self._named:
            kinds = [_not_public(ip) for ip in addresses]
            if all(kinds):
                name = _normal_host(host)
                where = f"{name} is" if name == str(addresses[0]) else f"{name} resolves to {addresses[0]},"
                raise _AddressRefused(
                    f"refused: {where} {kinds[0]}; add the host to allow_hosts if it is meant to be fetched"
                )
            addresses = [ip for ip, kind in zip(addresses, kinds, strict=True) if not kind]
        failure: httpcore.ConnectError | None = None
        for ip in addresses:  # the checked address, never the name again: a second DNS answer is not asked for
            limit, cut = self._transfer.bound(timeout)
            try:
                stream = self._inner.connect_tcp(str(ip), port, limit, local_address, socket_options)
            except httpcore.TimeoutException:
                if cut:
                    raise _DeadlineReached(self._transfer.message, budget=self._transfer.budget) from None
                raise
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return _GuardedStream(stream, self._transfer)
        assert failure is not None  # _resolve gives at least one address
        raise failure

    def _resolve(
        self, host: str, port: int, timeout: float | None
    ) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        """The addresses of ``host``, in the resolver's order, looked up within the time left.

        Raises:
            httpcore.ConnectError: the name cannot be resolved.
            httpcore.ConnectTimeout, _DeadlineReached: the resolver took too long.
        """
        try:
            return [ipaddress.ip_address(_normal_host(host))]
        except ValueError:
            pass
        limit, cut = self._transfer.bound(timeout)
        answer: list[Any] = []
        failed: list[OSError] = []

        def lookup() -> None:
            try:
                answer.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except OSError as exc:
                failed.append(exc)

        # the resolver has no timeout of its own: it runs aside, and a slow one is left behind
        worker = threading.Thread(target=lookup, name="briefing-resolve", daemon=True)
        worker.start()
        worker.join(limit)
        if worker.is_alive():
            if cut:
                raise _DeadlineReached(self._transfer.message, budget=self._transfer.budget)
            raise httpcore.ConnectTimeout(f"resolving {host} took longer than {limit:g} s")
        if failed:
            raise httpcore.ConnectError(str(failed[0]))
        found: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
        for _family, _type, _proto, _canon, sockaddr in answer:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if ip not in found:
                found.append(ip)
        if not found:
            raise httpcore.ConnectError(f"{host}: the host name could not be resolved (no address)")
        return found

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.NetworkStream:
        """Unix sockets are never used: only http and https addresses are fetched."""
        raise httpcore.ConnectError("only http and https addresses are fetched")

    def sleep(self, seconds: float) -> None:
        """Wait (httpcore's retries; the client makes none)."""
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, its connections made by :class:`_GuardedBackend`."""

    def __init__(self, transfer: _Transfer, named: _NamedHosts) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(transfer, named),
        )


class Fetcher:
    """Fetches URLs with the limits in :class:`FetchSettings`. Use as a context manager."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        validators: ValidatorStore | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        gate: HostGate | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.validators = validators
        self.gate = gate
        self._sleep = sleep
        s = self.settings
        self._transfer = _Transfer()
        self._budget_ends: float | None = None
        self._named = _NamedHosts()
        for entry in s.allow_hosts:
            self._named.add(entry)
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=httpx.Timeout(s.timeout),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport or _GuardedTransport(self._transfer, self._named),
            trust_env=False,  # a run is reproducible: no proxy or netrc picked up from the environment
        )
        self._hosts: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def allow_url(self, url: str) -> None:
        """Fetch from the host and port of ``url`` whatever its address: the user named it (an input address)."""
        self._named.add_url(url)

    def allow_host(self, entry: str) -> None:
        """Fetch from ``entry`` (``host`` or ``host:port``) whatever its address.

        Raises:
            ValueError: ``entry`` is not a host name or address with an optional port.
        """
        self._named.add(entry)

    def fetch(self, url: str, *, conditional: bool = False, accept: str = "*/*") -> FetchResult:
        """Fetch ``url``; with ``conditional``, send the validators remembered for it."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError:
            return FetchResult(url=url, error="not a valid web address")
        if scheme not in ("http", "https"):
            return FetchResult(url=url, error="only http and https addresses are fetched")
        headers = {"Accept": accept}
        if conditional and self.validators is not None:
            etag, modified = self.validators.get(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        with self._guard:
            if self._budget_ends is None and self.settings.budget is not None:
                self._budget_ends = time.monotonic() + self.settings.budget
        if self._budget_spent():
            return self._not_fetched(url)
        self._wait_turn(url)
        if self._budget_spent():
            return self._not_fetched(url)
        try:
            with self._deadline():
                return self._get(url, headers, conditional=conditional)
        except _DeadlineReached as exc:
            return FetchResult(url=url, error=str(exc), skipped=exc.budget)
        except _AddressRefused as exc:
            return FetchResult(url=url, error=str(exc), refused=True)
        except httpx.TooManyRedirects:
            return FetchResult(url=url, error=f"more than {self.settings.max_redirects} redirects")
        except httpx.TimeoutException:
            return FetchResult(url=url, error=f"timed out after {self.settings.timeout:g} s")
        except _Refused as exc:
            return FetchResult(url=url, error=str(exc))
        except httpx.DecodingError:
            return FetchResult(url=url, error="the response's compression is broken")
        except httpx.HTTPError as exc:
            return FetchResult(url=url, error=_network_reason(exc))

    def fetch_many(self, urls: Iterable[str], *, conditional: bool = False, accept: str = "*/*") -> list[FetchResult]:
        """Fetch every URL, at most ``concurrency`` at once; results in the order of ``urls``."""
        todo = list(urls)
        if len(todo) <= 1:
            return [self.fetch(u, conditional=conditional, accept=accept) for u in todo]
        with ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(todo))) as pool:
            return list(pool.map(lambda u: self.fetch(u, conditional=conditional, accept=accept), todo))

    def _budget_spent(self) -> bool:
        return self._budget_ends is not None and time.monotonic() >= self._budget_ends

    def _not_fetched(self, url: str) -> FetchResult:
        return FetchResult(
            url=url, error=f"not fetched: the run's fetch budget of {self.settings.budget:g} s was spent", skipped=True
        )

    @contextmanager
    def _deadline(self) -> Iterator[None]:
        """Give the transfer run inside this block its deadline: ``deadline`` seconds, or the budget's end."""
        s = self.settings
        deadline = time.monotonic() + s.deadline
        t = self._transfer
        if self._budget_ends is not None and self._budget_ends < deadline:
            t.deadline, t.budget = self._budget_ends, True
            t.message = f"stopped: the run's fetch budget of {s.budget:g} s was spent"
        else:
            t.deadline, t.budget = deadline, False
            t.message = f"the transfer took longer than {s.deadline:g} s"
        try:
            yield
        finally:
            t.deadline = None

    def _wait_turn(self, url: str) -> None:
        """Keep ``host_delay`` seconds between the starts of two requests to one host (the gate's gap, given one)."""
        host = (urlsplit(url).hostname or "").lower()
        if self.gate is not None:
            wait = self.gate.reserve(host)
            if wait > 0:
                self._sleep(wait)
            return
        with self._guard:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            last = self._hosts.get(host)
            if last is not None:
                wait = self.settings.host_delay - (time.monotonic() - last)
                if wait > 0:
                    self._sleep(wait)
            self._hosts[host] = time.monotonic()

    def _get(self, url: str, headers: dict[str, str], *, conditional: bool) -> FetchResult:
        s = self.settings
        with self._client.stream("GET", url, headers=headers) as response:
            final = str(response.url)
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code == 304:
                return FetchResult(url=url, final_url=final, status=304, not_modified=True)
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                return FetchResult(
                    url=url,
                    final_url=final,
                    status=response.status_code,
                    error=f"HTTP {response.status_code} {phrase}".strip(),
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > s.max_bytes and "content-encoding" not in response.headers:
                raise _Refused(f"larger than {s.max_bytes:,} bytes ({int(declared):,} declared)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decompressed: the cap holds against gzip bombs
                size += len(chunk)
                if size > s.max_bytes:
                    raise _Refused(f"larger than {s.max_bytes:,} bytes")
                self._transfer.bound(None)  # the deadline, also where no guarded stream reads (a mock transport)
                chunks.append(chunk)
            if conditional and self.validators is not None:
                etag = response.headers.get("etag", "")
                modified = response.headers.get("last-modified", "")
                if etag or modified:
                    self.validators.put(url, etag, modified)
            return FetchResult(
                url=url,
                final_url=final,
                status=response.status_code,
                content=b"".join(chunks),
                content_type=ctype,
                headers=dict(response.headers),
            )


def _network_reason(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        lowered = text.lower()
        if "name or service not known" in lowered or "nodename nor servname" in lowered or "name resolution" in lowered:
            return "the host name could not be resolved"
        if "refused" in lowered:
            return "the connection was refused"
        return f"could not connect ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection ({text})"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "only http and https addresses are fetched"
    return f"{type(exc).__name__}: {text}"
