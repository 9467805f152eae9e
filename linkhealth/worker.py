"""One linkchecker run over a group of hosts: `python -m linkhealth.worker JOB.json`.

Configured for link-rot monitoring: start URLs only (no recursion), robots.txt not consulted (a disallow rule
must not hide a dead link), every result logged as a line of JSON (not just errors), no content downloaded but
the capped start of a 2xx HTML page (to judge soft 404s and client-side redirects).
Runs linkchecker through the same functions as its command line, without that command's privilege drop, so it
works the same as root and as a normal user.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import os
import re
import resource
import socket
import sys
import threading
import time
import types
import urllib.parse
import urllib.request
from collections import OrderedDict
from pathlib import Path
from typing import ClassVar


def _install_host_pacing() -> None:
    """Keep linkchecker's per-host request rate, but sleep outside the lock that all hosts share.

    linkchecker's Aggregate.wait_for_host computes a host's next slot and sleeps until it while holding a global
    lock, so one slow host stalls requests to every other host. Here the slot is booked under a lock of our own
    and the sleep happens after it is released.

    The gap between two requests to one host is the mean of linkchecker's range (0.35 s at its default rate,
    which draws each gap at random between 0.1 and 0.6 s): the same average load on every host, and never a gap
    shorter than that mean between the heads of two requests to one host, measured as they are sent. Without the random tail, the run no longer
    waits for whichever host drew the longest gaps.
    """
    import urllib3.connection
    from linkcheck.director import aggregator

    booking = threading.Lock()
    least_gap = (aggregator.Aggregate.wait_time_min_default + aggregator.Aggregate.wait_time_max_default) / 2
    sent: dict[tuple[str, int | None], float] = {}  # (host, port) -> when its last request's head was sent

    def wait_for_host(self, host):
        with booking:
            now = time.time()
            due = max(now, self.times.get(host, now))
            if host in self.maxrated:
                low, high = self.wait_time_min, self.wait_time_max
            else:
                low = max(self.wait_time_min, self.wait_time_min_default)
                high = max(self.wait_time_max, self.wait_time_max_default)
            self.times[host] = due + (low + high) / 2
        if due > time.time():
            time.sleep(due - time.time())
        deadlines.restart()  # the per-request deadline counts from when the request may go, not from the queue

    endheaders = urllib3.connection.HTTPConnection.endheaders  # (http.client's: it sends the request's head)
    host_locks: dict[tuple[str, int | None], threading.Lock] = {}

    def paced_endheaders(self, *args, **kwargs):
        # The booked slots space requests out; this keeps the gap between requests as they really leave: the
        # connection is opened first, then the head is sent no sooner than the gap after the previous head to the
        # host was sent (its sendall returned, so that one is on the wire). Whatever delayed a thread between its
        # slot and its send (a slow connect, a late wake-up under load), the next one cannot follow it closer.
        if self.sock is None:
            self.connect()
        key = (self.host, self.port)
        with booking:
            lock = host_locks.get(key) or host_locks.setdefault(key, threading.Lock())
        with lock:  # one head at a time per host: they must be a gap apart anyway
            waited = False
            while (wait := sent.get(key, 0.0) + least_gap - time.time()) > 0:
                time.sleep(wait)
                waited = True
            if waited:
                deadlines.restart()
            try:
                return endheaders(self, *args, **kwargs)
            finally:
                sent[key] = time.time()

    aggregator.Aggregate.wait_for_host = wait_for_host
    urllib3.connection.HTTPConnection.endheaders = paced_endheaders


def _install_lock_free_finish() -> None:
    """Stop and join the checking threads without holding linkchecker's thread lock.

    Aggregate.finish joins every thread (1 s timeout each) while holding the lock that a thread needs to set up
    its HTTP session; a thread still starting when the queue runs dry then costs a full second, and a run of a
    few URLs could stall for 10-20 s. Same steps, lock released before waiting.
    """
    from linkcheck.director import aggregator

    def finish(self):
        with aggregator._threads_lock:
            # Every URL checked: each check logged its result and closed its connection before marking its task
            # done, so the threads have nothing left but polling an empty queue (up to a poll interval to notice
            # the stop). The worker exits without waiting for them.
            all_done = self.urlqueue.empty() and self.urlqueue.unfinished_tasks <= 0
            if not self.urlqueue.empty():
                self.cancel()
            threads = list(self.threads)
        for thread in threads:
            thread.stop()
        if all_done:
            return
        for thread in threads:
            thread.join(timeout=5.0)

    aggregator.Aggregate.finish = finish


class Deadlines:
    """A total deadline for each URL's check (connect + headers + every redirect hop + body), per thread.

    Socket timeouts bound each read, not the whole answer: a server that drips one byte a second never trips
    them. Each check registers the connections it uses; a watchdog thread shuts down the sockets of a check that
    is past its deadline, which ends any blocked read at once, and the check then reports a time-out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.active: dict[int, dict] = {}  # thread id -> {"due": monotonic time, "conns": [...], "expired": bool}

    def start(self) -> dict:
        record = {"due": time.monotonic() + self.seconds, "conns": [], "expired": False}
        with self.lock:
            self.active[threading.get_ident()] = record
        return record

    def restart(self) -> None:
        with self.lock:
            record = self.active.get(threading.get_ident())
            if record and not record["expired"]:
                record["due"] = time.monotonic() + self.seconds

    def finish(self) -> None:
        with self.lock:
            self.active.pop(threading.get_ident(), None)

    def attach(self, conn) -> None:
        with self.lock:
            record = self.active.get(threading.get_ident())
            if record is not None:
                record["conns"].append(conn)

    def expired(self) -> bool:
        with self.lock:
            record = self.active.get(threading.get_ident())
            return bool(record and record["expired"])

    def watch(self) -> None:
        while True:
            time.sleep(0.1)
            now = time.monotonic()
            with self.lock:
                overdue = [r for r in self.active.values() if not r["expired"] and r["due"] <= now]
                for record in overdue:
                    record["expired"] = True
            for record in overdue:
                for conn in record["conns"]:
                    sock = getattr(conn, "sock", None)
                    with contextlib.suppress(OSError, AttributeError):
                        sock.shutdown(socket.SHUT_RDWR)


deadlines = Deadlines(20.0)


class TotalTimeoutError(OSError):
    """The check of one URL took longer than its total deadline."""


class CheckFailedError(OSError):
    """The check of one URL raised an error linkchecker does not expect (it would drop the URL)."""


def _install_deadlines(seconds: float) -> None:
    import urllib3.connectionpool
    from linkcheck.checker import httpurl

    deadlines.seconds = seconds
    make_request = urllib3.connectionpool.HTTPConnectionPool._make_request

    def tracked_make_request(self, conn, *args, **kwargs):
        deadlines.attach(conn)
        return make_request(self, conn, *args, **kwargs)

    urllib3.connectionpool.HTTPConnectionPool._make_request = tracked_make_request
    check_connection = httpurl.HttpUrl.check_connection

    from linkcheck.checker.const import ExcList

    known = tuple(ExcList)

    def check_connection_with_deadline(self):
        deadlines.start()
        try:
            check_connection(self)
        except Exception as err:
            if deadlines.expired():
                raise TotalTimeoutError(
                    f"TotalTimeout: no complete answer within {seconds:g} s (connect, headers and body together)"
                ) from None
            if not isinstance(err, known):
                # linkchecker drops a URL whose check raises anything else (it logs an internal error and no
                # result); as an OSError it gets a result, so no URL is ever lost.
                raise CheckFailedError(f"{type(err).__name__}: {err}") from None
            raise
        finally:
            if deadlines.expired() and self.url_connection is not None:
                with contextlib.suppress(Exception):
                    self.url_connection.close()
            deadlines.finish()

    httpurl.HttpUrl.check_connection = check_connection_with_deadline
    threading.Thread(target=deadlines.watch, name="deadlines", daemon=True).start()


def _drain_redirect_body(response, cap: int) -> None:
    """A redirect's body is never wanted: read at most `cap` raw (still compressed) bytes so a short one leaves
    the connection reusable, else close the connection. requests then finds the body already consumed (empty)
    instead of reading — and decompressing — all of it."""
    raw = response.raw
    try:
        # read(n) returns fewer than n bytes only at the end of the body: then the whole body has been read.
        finished = len(raw.read(cap + 1, decode_content=False)) <= cap
    except Exception:  # any failure to read means: close it
        finished = False
    if not finished:
        with contextlib.suppress(Exception):
            raw.close()
    response._content = b""
    response._content_consumed = True


class _AddressRefusedError(Exception):
    """At connect time, a host resolved to an address that is not public (raised through urllib3 and requests,
    which pass on what is not an OSError, to guarded_send)."""


def _install_public_only(public_only: bool = True, allow_networks=(), body_cap: int = 256 * 1024) -> None:
    """Every request linkchecker sends — the first and each redirect hop — must pass the dataset's URL rule
    (macros/urlpolicy.py) and resolve only to public addresses; otherwise it is refused, never sent. The one
    exception is `allow_networks` (test-only: the fault server's 127.x addresses), given explicitly.

    The connection then goes to the addresses that were checked, not to a second look-up's: a name whose DNS
    answers a public address to the check and a private one to the connect (DNS rebinding) reaches nothing but
    the public one. A connection to a host the check did not resolve (none is expected) is resolved and checked
    at connect time."""
    import requests
    import urllib3.util.connection
    from requests.sessions import REDIRECT_STATI

    from linkhealth.engine import hostname_of
    from macros import urlpolicy

    networks = [ipaddress.ip_network(net, strict=False) for net in allow_networks]
    in_networks: dict[str, bool] = {}  # host -> in `networks` (asked for every request)
    # A proxy named in the environment is connected to as it is (often on the private network, and it is the
    # proxy that resolves the page's host then).
    named = [urllib.parse.urlsplit(url).hostname for key, url in urllib.request.getproxies().items() if key != "no"]
    proxies = {host.lower() for host in named if host}
    checked = threading.local()  # .target: (host, port, its public addresses) for this thread's request

    def allowed(host: str) -> bool:
        found = in_networks.get(host)
        if found is None:
            try:
                found = any(ipaddress.ip_address(host) in net for net in networks)
            except ValueError:
                found = False
            in_networks[host] = found
        return found

    send = requests.Session.send

    def guarded_send(self, request, **kwargs):
        checked.target = None
        if public_only and not allowed(hostname_of(request.url)):
            parts = urllib.parse.urlsplit(request.url)
            reason = urlpolicy.url_problem(request.url)
            if reason is None:
                try:
                    port = parts.port or urlpolicy.DEFAULT_PORTS[parts.scheme]
                    checked.target = (parts.hostname, port, urlpolicy.resolve_public(parts.hostname, port))
                except urlpolicy.UrlRefusedError as err:
                    reason = str(err)
            if reason:
                raise requests.exceptions.InvalidURL(f"not requested: {reason}")
        request.headers["Accept-Encoding"] = "gzip, deflate"  # the encodings page.read_capped can cap
        try:
            return send(self, request, **kwargs)
        except _AddressRefusedError as err:
            raise requests.exceptions.InvalidURL(f"not requested: {err}") from None

    create_connection = urllib3.util.connection.create_connection

    def connect_to_checked(address, *args, **kwargs):
        host, port = address
        bare = host.strip("[]").lower()
        if not public_only or allowed(bare) or bare in proxies:
            return create_connection(address, *args, **kwargs)
        target = getattr(checked, "target", None)
        if target and target[1] == port and (target[0] or "").lower() == bare:
            addresses = target[2]
        else:
            try:
                addresses = urlpolicy.resolve_public(bare, port)
            except urlpolicy.UrlRefusedError as err:
                raise _AddressRefusedError(str(err)) from None
        error: OSError = OSError(f"host '{bare}' has no address to connect to")
        for number in sorted(addresses, key=lambda text: ":" in text):  # IPv4 first: many runners lack IPv6
            try:
                return create_connection((number, port), *args, **kwargs)
            except OSError as err:
                error = err
        raise error

    urllib3.util.connection.create_connection = connect_to_checked

    resolve_redirects = requests.Session.resolve_redirects

    def capped_resolve_redirects(self, response, request, *args, **kwargs):
        # requests reads each redirect's whole body (decompressed) before the next hop — even from send() with
        # allow_redirects=False, to prepare `response.next`. Drain it, capped, first.
        if self.get_redirect_target(response) is None:
            return  # nothing to follow (the original would yield nothing, after parsing the URL for its fragment)
        if response.status_code in REDIRECT_STATI and not response._content_consumed:
            _drain_redirect_body(response, body_cap)
        yield from resolve_redirects(self, response, request, *args, **kwargs)

    requests.Session.send = guarded_send
    requests.Session.resolve_redirects = capped_resolve_redirects


MAX_CLIENT_REDIRECTS = 5


class _HttpClientBody:
    """The body under urllib3's response, read straight from http.client (which undoes chunking only: the bytes
    are still compressed), as page.read_capped reads it. urllib3's read adds error mapping, decoder and
    bookkeeping layers per call (a twentieth of a check's CPU); none of them matter to an inspection, which
    reads at most a capped start of the page, and the response is closed after it (never reused)."""

    __slots__ = ("fp",)

    def __init__(self, fp) -> None:
        self.fp = fp

    def read(self, amount: int, decode_content: bool = False) -> bytes:
        return self.fp.read(amount)

    @property
    def length_remaining(self) -> int | None:
        return self.fp.length  # the Content-Length still to come; None when the body has none


def _wire_body(raw):
    """What page.read_capped should read of urllib3's response `raw`: http.client's response under it, when
    nothing has been read or buffered above it; else `raw` itself."""
    fp = getattr(raw, "_fp", None)
    if (
        isinstance(fp, http.client.HTTPResponse)
        and not getattr(raw, "_fp_bytes_read", 1)
        and raw.length_remaining == fp.length
    ):
        return _HttpClientBody(fp)
    return raw


def _install_page_inspection(fingerprint_errors: bool = False) -> None:
    """Judge a 2xx answer by what the page says, as a browser would: a meta refresh, `Refresh:` header or script
    redirect (`location.href = "…"` in a small page) sending the reader on is followed (through the same
    guarded, paced, deadline-bound requests as an HTTP redirect, and logged the same way), and a page whose title
    or first heading says "not found" is flagged as a soft 404. Any other 2xx HTML page gets a fingerprint
    (warning tag `page-fingerprint`) for comparing it with its site's own 404 page; with `fingerprint_errors`
    (a run of 404 probes) error pages get one too. Only the first INSPECT_BYTES of an HTML page are read
    (decompression capped too)."""
    import requests
    from linkcheck import url as lc_url
    from linkcheck.checker import httpurl

    from linkhealth import page

    check_response = httpurl.HttpUrl.check_response

    def inspect(self, redirects: bool = True) -> tuple[str | None, str | None]:
        """(where a client-side redirect goes and how, or None) after a soft-404 warning or a fingerprint."""
        response = self.url_connection
        target = page.refresh_target(response.headers.get("Refresh")) if redirects else None
        if target:
            return target, "a Refresh header"
        if "html" not in (response.headers.get("Content-Type") or "").lower():
            return None, None
        try:
            data = page.read_capped(_wire_body(response.raw), response.headers.get("Content-Encoding", ""))
        except Exception:  # a page that cannot be read is judged by its status alone, like before
            if deadlines.expired():
                raise
            return None, None
        if data is None:
            return None, None
        text = page.decode(data, response.encoding)
        if redirects:
            for how, find in (("a meta refresh", page.meta_refresh), ("a script redirect", page.script_redirect)):
                target = find(text)
                if target:
                    return target, how
        reason = page.soft_404(text) if redirects else None
        if reason:
            self.add_warning(f"Soft 404: the page answers 200 but {reason}", tag="soft-404")
        else:
            self.add_warning(page.fingerprint(text, self.url), tag="page-fingerprint")
        return None, None

    def check_response_like_a_browser(self):
        seen = {self.url}
        for _ in range(MAX_CLIENT_REDIRECTS):
            if not 200 <= self.url_connection.status_code < 300:
                if fingerprint_errors:
                    inspect(self, redirects=False)
                break
            target, how = inspect(self)
            if not target:
                break
            absolute = urllib.parse.urljoin(self.url, target)
            if not absolute.lower().startswith(("http://", "https://")) or absolute in seen:
                break
            seen.add(absolute)
            self.add_warning(f"Redirected to `{absolute}' by {how}.", tag="http-redirected")
            with contextlib.suppress(Exception):
                self.url_connection.close()
            self.urlparts = self.build_url_parts(absolute)
            self.url = lc_url.urlunsplit(self.urlparts)
            self.scheme = self.urlparts[0].lower()
            request = self.session.prepare_request(requests.Request("GET", self.url))
            self.aggregate.wait_for_host(self.urlparts[1])
            self.url_connection = self.session.send(request, **{**self.get_request_kwargs(), "allow_redirects": False})
            self.headers = self.url_connection.headers
            self._add_response_info()
            self.follow_redirections(request)
        check_response(self)

    httpurl.HttpUrl.check_response = check_response_like_a_browser


def _origin(url: str) -> str:
    """`scheme://netloc` of a prepared URL (which always has a path after its netloc)."""
    start = url.find("//") + 2
    end = url.find("/", start)
    return url if end < 0 else url[:end]


def _pool_caching_adapter_class():
    """requests' HTTPAdapter, minus the per-request work that gives the same answer for every request to one host.

    For each request the adapter parses the URL again to build urllib3's pool key and look the pool up, checks
    that the CA bundle file exists and sets the pool's certificate options, and parses the URL twice more to
    find that no proxy applies: about a tenth of a check's CPU. Here the pool is kept per origin and certificate
    setting (a pool the pool manager has since closed is looked up again), its certificate options are set once,
    and with no proxies the request line is the URL's path, as requests makes it. Sending, its errors and the
    response are requests' own (HTTPAdapter.send)."""
    import requests

    class PoolCachingAdapter(requests.adapters.HTTPAdapter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pools: dict = {}  # (origin, verify) -> urllib3 pool

        def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
            if proxies or cert:
                return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
            key = (_origin(request.url), verify)
            pool = self.pools.get(key)
            if pool is None or pool.pool is None:  # never made, or closed since (evicted, or the session closed)
                pool = self.pools[key] = super().get_connection_with_tls_context(request, verify)
            return pool

        def cert_verify(self, conn, url, verify, cert):
            setting = (url[:5].lower() == "https", verify, cert)
            if getattr(conn, "linkhealth_cert_setting", None) != setting:
                super().cert_verify(conn, url, verify, cert)
                conn.linkhealth_cert_setting = setting

        def request_url(self, request, proxies):
            return request.path_url if not proxies else super().request_url(request, proxies)

    return PoolCachingAdapter


def _install_lean_send() -> None:
    """requests.Session.send for the requests linkchecker sends here — prepared, streamed, redirects not followed,
    no proxies, certificates or response hooks — without the steps that then find nothing to do: resolving
    proxies (with the environment ignored, an empty dict after parsing the URL), dispatching hooks to an empty
    list, and parsing the URL again to look for a redirect in an answer that is not one. The adapter, cookies,
    elapsed time and a redirect's `next` request are as in Session.send; any other request goes through it."""
    from datetime import timedelta

    import requests
    from requests.sessions import REDIRECT_STATI, preferred_clock

    send = requests.Session.send
    plain = {"stream", "timeout", "verify", "cert", "proxies", "allow_redirects"}

    def lean_send(self, request, **kwargs):
        if (
            kwargs.get("allow_redirects", True)
            or not kwargs.get("stream")
            or kwargs.get("proxies")
            or kwargs.get("cert")
            or not plain.issuperset(kwargs)
            or self.trust_env
            or self.proxies
            or self.cert
            or not isinstance(request, requests.PreparedRequest)
            or request.hooks.get("response")
        ):
            return send(self, request, **kwargs)
        options = {"stream": True, "timeout": kwargs.get("timeout"), "verify": kwargs.get("verify", self.verify)}
        options.update(cert=None, proxies={})
        adapter = self.get_adapter(url=request.url)
        start = preferred_clock()
        response = adapter.send(request, **options)
        response.elapsed = timedelta(seconds=preferred_clock() - start)
        requests.sessions.extract_cookies_to_jar(self.cookies, request, response.raw)  # (as patched, if it is)
        if response.status_code in REDIRECT_STATI:  # else resolve_redirects finds no redirect target
            with contextlib.suppress(StopIteration):
                response._next = next(self.resolve_redirects(response, request, yield_requests=True, **options))
        return response

    requests.Session.send = lean_send


# A URL that requests' PreparedRequest.prepare_url returns unchanged: lower-case ASCII host, a port without
# leading zeros, a path (at least `/`) of segments of letters, digits and `_-.~` that start with neither a dot
# nor `~` (no `.`/`..` for urllib3 to remove), no user, query or fragment: nothing to encode or re-quote.
_PREPARED_AS_IS = re.compile(
    r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::([1-9][0-9]{0,4}))?(?:/|(?:/[\w-][\w.~-]*)+/?)", re.A
)


def prepared_as_is(url: str) -> bool:
    """Whether requests would prepare `url` as exactly `url` (see _PREPARED_AS_IS): then it need not parse it."""
    match = _PREPARED_AS_IS.fullmatch(url)
    return match is not None and (match[1] is None or int(match[1]) <= 65535)


def _install_lean_sessions() -> None:
    """One requests session per host, shared by the threads that check it, and each without per-request
    environment look-ups.

    linkchecker gives each thread its own session, and a thread meets a different host at every URL (hosts are
    interleaved so that pacing overlaps): urllib3 built a new connection pool for nearly every request, and
    dropped it a few URLs later, so no connection was ever reused. A session per host keeps one pool per host
    for the run, and a host that keeps connections alive is asked over the same connection each time. Idle
    connections stay well within the open-files limit: past it, the least recently used host's are closed.

    requests also re-reads the environment for every request when `trust_env` is on: ~/.netrc (a file look-up and
    parse per request) and every environment variable for proxy settings. The checker sends no credentials and
    linkchecker passes its own certificate setting per request, so only proxies matter: when the environment
    names one, sessions keep requests' per-request rules; otherwise they skip the look-ups. cookielib is skipped
    too when it has nothing to do: an empty jar to send from, an answer without a Set-Cookie header."""
    import requests
    from linkcheck.checker import httpurl
    from linkcheck.director import aggregator

    behind_proxy = any(key in ("http", "https") for key in urllib.request.getproxies())
    new_request_session = aggregator.new_request_session
    per_thread_session = aggregator.Aggregate.get_request_session
    add_thread_session = aggregator.Aggregate.add_request_session
    sessions: dict[str, object] = {}
    lock = threading.Lock()
    checking = threading.local()
    open_hosts: OrderedDict[str, None] = OrderedDict()  # hosts whose session may hold connections, oldest first
    most_open = max(32, _raise_open_files_limit() // 2 - 200)  # idle connections kept, well within the fd limit

    adapter_class = _pool_caching_adapter_class()

    def lean_session(config, cookies):
        session = new_request_session(config, cookies)
        session.trust_env = behind_proxy
        if not behind_proxy:
            for prefix in ("https://", "http://"):
                session.mount(prefix, adapter_class())
        return session

    def host_session(self):
        host = getattr(checking, "host", None)
        if host is None:
            if threading.get_ident() not in self.request_sessions:
                add_thread_session(self)  # made on first use only, see below
            return per_thread_session(self)
        with lock:
            session = sessions.get(host)
            if session is None:
                session = sessions[host] = lean_session(self.config, self.cookies)
            open_hosts[host] = None
            open_hosts.move_to_end(host)
            idle = open_hosts.popitem(last=False)[0] if len(open_hosts) > most_open else None
        if idle is not None:
            # Close the least recently used host's idle connections (its session makes new ones if needed).
            with contextlib.suppress(Exception):
                sessions[idle].close()
        return session

    check_connection = httpurl.HttpUrl.check_connection

    def check_connection_for_host(self):
        checking.host = self.urlparts[1].lower()
        try:
            check_connection(self)
        finally:
            checking.host = None

    build_request = httpurl.HttpUrl.build_request

    def lean_build_request(self):
        # What Session.prepare_request makes of a plain GET (no body, params, auth or referrer here), without
        # its per-request copy of the cookie jar and merging of empty settings: a sixth of the request's cost.
        if self.auth or self.parent_url or self.session.auth or self.session.params:
            return build_request(self)
        request = requests.PreparedRequest()
        request.prepare_method("GET")
        if prepared_as_is(self.url):
            request.url = self.url
        else:
            request.prepare_url(self.url, None)
        headers = self.session.headers._store  # lower-case name -> (name, value), in order: compared in C
        checked = getattr(self.session, "linkhealth_headers", None)
        if checked is None or checked[0] != headers:
            # requests validates every header of every request; a session's headers need it once.
            request.prepare_headers(self.session.headers)
            self.session.linkhealth_headers = checked = (OrderedDict(headers), request.headers.copy())
        else:
            request.headers = checked[1].copy()
        if len(self.session.cookies):
            request.prepare_cookies(self.session.cookies)
        else:
            # An empty jar adds no Cookie header: skip cookielib's walk over it, keep the jar for redirects.
            request._cookies = self.session.cookies
        request.prepare_hooks(self.session.hooks)
        return request

    extract_cookies = requests.cookies.extract_cookies_to_jar

    def extract_set_cookies(jar, request, response):
        # cookielib builds mock request and response objects for every answer; without a Set-Cookie header
        # (Set-Cookie2 is long obsolete but cookielib reads it too) there is nothing for it to find.
        original = getattr(response, "_original_response", None)
        if original is not None and "Set-Cookie" not in original.msg and "Set-Cookie2" not in original.msg:
            return
        extract_cookies(jar, request, response)

    requests.sessions.extract_cookies_to_jar = extract_set_cookies
    requests.adapters.extract_cookies_to_jar = extract_set_cookies
    aggregator.new_request_session = lean_session
    aggregator.Aggregate.get_request_session = host_session
    # linkchecker makes each checking thread a session as it starts, under its thread lock (a hundred threads: the
    # first requests waited on them); with a session per host they go unused, so a thread's is made on first use.
    aggregator.Aggregate.add_request_session = lambda self: None
    httpurl.HttpUrl.check_connection = check_connection_for_host
    httpurl.HttpUrl.build_request = lean_build_request


def _raise_open_files_limit() -> int:
    """Raise the soft limit on open files as far as the system lets (kept-alive connections, one per host), and
    return it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for wanted in (hard, 65536, 10240, 4096):
        if wanted == resource.RLIM_INFINITY or wanted <= soft or (hard != resource.RLIM_INFINITY and wanted > hard):
            continue
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            return wanted
        except (ValueError, OSError):
            continue
    return soft


def _install_header_limits() -> None:
    """Browsers load pages with more than 100 headers or a header line over 64 KB; http.client refuses them.
    Raise both limits (still bounded: the total deadline and these caps limit what one answer can cost)."""
    http.client._MAXHEADERS = 1000
    http.client._MAXLINE = 256 * 1024


# A header line the fast parser takes as is: a token name, a colon, a value of tabs and printable bytes only (no
# byte that str.splitlines, and so the email parser, would read as a line break), then CRLF or LF.
_PLAIN_HEADER = re.compile(rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]+):([\t\x20-\x7e\x80-\x84\x86-\xff]*)\r?\n\Z")


def parse_header_lines(lines: list[bytes], message_class):
    """The header lines read by http.client as the message its email-parser step makes of them, built directly
    when every line is a plain `Name: value` line, or None (then the email parser is used as before).

    http.client joins the lines, decodes them and runs the email package's feed parser over the text: in the
    worker profile, a twelfth of a check's CPU. Plain lines give the same (name, value) pairs, in order, with no
    defects; anything else (folded lines, lines without a colon, control bytes) goes the old way."""
    if not lines or lines[-1] not in (b"\r\n", b"\n"):
        return None
    message = message_class()
    for line in lines[:-1]:
        match = _PLAIN_HEADER.match(line)
        if match is None:
            return None
        # As compat32's header_source_parse: leading blanks of the value dropped, trailing ones kept.
        message.set_raw(match[1].decode("iso-8859-1"), match[2].decode("iso-8859-1").lstrip(" \t"))
    return message


def _install_fast_header_parsing() -> None:
    """http.client.parse_headers with parse_header_lines' fast path (same limits: _read_headers enforces them)."""
    import email.parser

    def fast_parse_headers(fp, _class=http.client.HTTPMessage):
        lines = http.client._read_headers(fp)
        message = parse_header_lines(lines, _class)
        if message is None:
            message = email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))
        return message

    http.client.parse_headers = fast_parse_headers


RESULT_WRITE_SECONDS = 0.2


class ResultLines:
    """Result lines kept in memory and written to `path` in batches: by a thread of its own every
    RESULT_WRITE_SECONDS, when the run ends (`close`) and when the worker is told to stop (`_write_on_sigterm`).

    linkchecker calls each logger with its logger lock held. A write there gave up the GIL in the middle of that
    lock, and the checking threads queued up behind it: in a sampled profile three in four of them were waiting on
    that lock at any moment, and each write is one more GIL hand-over per URL. `add` only appends to a list. A
    worker that crashes can lose the lines of its last RESULT_WRITE_SECONDS; the engine then marks those URLs
    unchecked, as for any URL without a result."""

    def __init__(self, path: str) -> None:
        self.out = open(path, "w", encoding="utf-8")  # closed by close()
        self.pending: list[str] = []
        self.lock = threading.Lock()  # guards `pending` (no file I/O while it is held)
        self.writing = threading.Lock()  # one writer at a time: the thread, close(), the SIGTERM thread
        self.closed = threading.Event()
        threading.Thread(target=self._write_now_and_then, name="result-lines", daemon=True).start()

    def add(self, line: str) -> None:
        with self.lock:
            self.pending.append(line)

    def write(self, wait: float = -1) -> bool:
        """Write what is pending; False if another writer held the file for longer than `wait` seconds."""
        if not self.writing.acquire(timeout=wait):
            return False
        try:
            with self.lock:
                lines, self.pending = self.pending, []
            if lines and not self.out.closed:
                self.out.write("".join(lines))
                self.out.flush()
            return True
        finally:
            self.writing.release()

    def close(self) -> None:
        self.closed.set()
        self.write()
        with self.writing:
            self.out.close()

    def _write_now_and_then(self) -> None:
        while not self.closed.wait(RESULT_WRITE_SECONDS):
            self.write()


def _write_on_sigterm(results: list[ResultLines]) -> None:
    """On SIGTERM (the engine stopping the worker), write out the results in memory, then die of the signal as
    before. SIGTERM is blocked in every thread and taken by one waiting for it, so the writing never runs inside
    another write, as a handler in the main thread could. Call before any other thread starts: threads inherit
    the blocked signal."""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})

    def wait_then_stop():
        signal.sigwait({signal.SIGTERM})
        for lines in results:
            with contextlib.suppress(Exception):
                lines.write(wait=2.0)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        signal.raise_signal(signal.SIGTERM)  # the default action: the process ends, as killed by SIGTERM
        os._exit(128 + signal.SIGTERM)  # only if something installed a handler for it

    threading.Thread(target=wait_then_stop, name="sigterm", daemon=True).start()


def results_logger_class(opened: list[ResultLines] | None = None):
    """A linkchecker logger that writes each URL's result as one line of JSON (through ResultLines; each one it
    opens is added to `opened`).

    linkchecker's XML logger escapes every field twice over and the engine then had to parse and un-escape it:
    in the profile that was the largest cost of the output path. One line per record also means a worker
    stopped at the budget (or killed) leaves every finished result readable: the engine keeps whole lines only.
    `url` is the URL exactly as the engine sent it, so results map back without re-normalising."""
    from linkcheck.logger import _Logger

    class ResultLinesLogger(_Logger):
        LoggerName = "linkhealth-lines"
        LoggerArgs: ClassVar[dict] = {"filename": "results.jsonl"}

        def __init__(self, **args):
            super().__init__(**self.get_args(args))
            self.path = args["filename"]
            self.lines = None

        def start_output(self):
            self.lines = ResultLines(self.path)
            if opened is not None:
                opened.append(self.lines)

        def log_url(self, url_data):
            record = {
                "url": url_data.base_url,
                "final_url": url_data.url,
                "valid": bool(url_data.valid),
                "result": url_data.result or "",
                "warnings": url_data.warnings,
                "check_seconds": url_data.checktime or 0.0,
            }
            self.lines.add(json.dumps(record, ensure_ascii=False) + "\n")

        def log_filter_url(self, url_data, do_print):
            self.log_url(url_data)  # every URL (verbose), without the statistics _Logger keeps for its summary

        def end_output(self, **kwargs):
            if self.lines is not None:
                self.lines.close()

    return ResultLinesLogger


def settimeout_when_changed(plain):
    """socket.settimeout that calls `plain` (the C one) only when the timeout changes.

    The C method sets the socket's blocking mode with an ioctl on every call, even to the mode it has, and gives
    up the GIL around it; urllib3 sets one timeout three times per request. With a hundred threads each GIL
    hand-over is a futex wake-up and a context switch (a third of the worker's CPU went to the kernel, most of
    it futex calls): 2 of a request's 15 hand-overs."""

    def settimeout(self, value):
        if (value is None or type(value) in (int, float)) and value == self.gettimeout():
            return
        plain(self, value)

    return settimeout


def _install_lean_checks() -> None:
    """Skip per-URL work of linkchecker's that a one-level link-rot check never uses (measured, see bench).

    - Debug logging: linkchecker calls log.debug about 20 times per URL, each a logging.getLogger look-up and a
      level test. When debug is off (always, here) the calls do nothing.
    - Intern patterns: every start URL compiles a regex of its host and appends it to a list that only decides
      which links found on a page are followed. This checker never follows links (recursion level 0), and the
      list grew by one pattern per URL.
    - Normalising a start URL that is normal already: UrlBase.build_url runs url_norm (split, unquote, IDNA,
      query re-quoting, quote, join: a twentieth of a check's CPU), then splits, collapses and joins the path
      again, all to give back the same string when the URL is plain (engine.already_normal). Then only the step
      that sets the URL's host, port and parts is left (the same build_url_parts)."""
    import logging

    from linkcheck import LOG_CHECK, log
    from linkcheck import url as lc_url
    from linkcheck.checker import urlbase

    from linkhealth.engine import already_normal

    if not logging.getLogger(LOG_CHECK).isEnabledFor(logging.DEBUG):
        log.debug = lambda *args, **kwargs: None
    urlbase.UrlBase.add_intern_pattern = lambda self, url=None: None
    build_url = urlbase.UrlBase.build_url

    def lean_build_url(self):
        if self.base_ref or self.parent_url or not already_normal(self.base_url):
            return build_url(self)
        self.urlparts = self.build_url_parts(self.base_url)
        self.url = lc_url.urlunsplit(self.urlparts)
        return None

    urlbase.UrlBase.build_url = lean_build_url


def _watch_parent() -> None:
    """Exit when the checker that started this worker is gone (killed with SIGKILL, say): never orphaned."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


THREAD_STACK_BYTES = 1024 * 1024


def _limit_memory(limit: int = 2 * 1024**3) -> None:
    """Bound the worker's address space: a runaway answer fails that URL's worker, not the machine. Threads get
    a 1 MiB stack instead of the default 8 MiB (reserved address space, counted by the limit): a check runs a
    few dozen frames deep, and 160 threads must fit well inside the limit."""
    threading.stack_size(THREAD_STACK_BYTES)
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# Modules linkchecker imports at start-up for work this checker never asks of it: soupsieve (CSS selectors, for
# bs4, which linkchecker only uses to parse pages it recurses into) and dns.resolver (MX look-ups for mailto:
# links; only http(s) URLs are checked), together about a third of the worker's start-up imports; then pydoc
# (linkchecker's pager for its own help text), its Beautiful Soup wrapper htmlsoup (bs4 itself: parsing pages
# for links to recurse into) and mimeutil (guessing the type of file: and ftp: content, and of pages to parse),
# a further 40-60 ms of the worker's start. pydoc comes first: finding linkcheck's modules imports linkcheck.
DEFERRED_IMPORTS = ("soupsieve", "dns.resolver", "pydoc", "linkcheck.htmlutil.htmlsoup", "linkcheck.mimeutil")


class _DeferredModule(types.ModuleType):
    """Stands in for a module until something reads an attribute it lacks: then the real module is imported
    (once, under a lock) and every such read goes to it. It carries the real module's spec, so an `import` of
    it finds a module that is not half-initialised, and does not load it (importlib.util.LazyLoader would:
    an import reads `__spec__`)."""

    def __init__(self, spec) -> None:
        super().__init__(spec.name)
        self.__spec__ = spec
        self.__loader__ = spec.loader
        self.__dict__["_deferred_lock"] = threading.Lock()
        self.__dict__["_deferred_real"] = None

    def __getattr__(self, attr: str):
        if attr.startswith("_deferred_"):
            raise AttributeError(attr)
        with self._deferred_lock:
            if self._deferred_real is None:
                import importlib

                if sys.modules.get(self.__name__) is self:
                    del sys.modules[self.__name__]
                self.__dict__["_deferred_real"] = importlib.import_module(self.__name__)
        return getattr(self._deferred_real, attr)


def defer_unused_imports(names: tuple[str, ...] = DEFERRED_IMPORTS) -> None:
    """Put a _DeferredModule in place of each module: importing it then costs nothing, and it is really loaded,
    unchanged, the first time anything uses it. Call before linkchecker is imported; a module already imported,
    or not installed, is left alone."""
    import importlib.util

    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        module = sys.modules[name] = _DeferredModule(spec)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)


def run(job: dict) -> None:
    opened: list[ResultLines] = []
    _write_on_sigterm(opened)
    defer_unused_imports()
    from linkcheck import configuration, director
    from linkcheck.cmdline import aggregate_url
    from linkcheck.director import checker

    _watch_parent()
    _limit_memory()
    _install_host_pacing()
    _install_lock_free_finish()
    _install_deadlines(job["timeout"])
    _install_header_limits()
    _install_fast_header_parsing()
    socket.socket.settimeout = settimeout_when_changed(socket.socket.settimeout)
    _install_lean_sessions()
    _install_lean_send()
    _install_lean_checks()
    _install_page_inspection(job.get("fingerprint_errors", False))
    _install_public_only(job.get("public_only", True), job.get("allow_networks", []), job["max_body_bytes"])
    # Idle threads poll the queue every second, so stopping them took up to a second; a twentieth is plenty.
    checker.QUEUE_POLL_INTERVALL_SECS = 0.05
    # Checking threads give up the GIL at every socket call anyway; the interpreter's forced hand-over every 5 ms on
    # top of that only adds wake-ups. Every 50 ms: 10 000 URLs on 1 000 hosts ended 0.04-0.6 s sooner in each of
    # four paired runs (bench/links.py). Pacing is unaffected: a late thread sends late, never early.
    sys.setswitchinterval(0.05)
    config = configuration.Configuration()
    config["recursionlevel"] = 0
    config["robotstxt"] = False
    config["checkextern"] = True
    config["verbose"] = True  # log every URL, not only failures
    config["complete"] = True  # log URLs met twice (e.g. one redirects to another) too
    config["status"] = False
    config["timeout"] = max(1, round(job["timeout"]))
    config["aborttimeout"] = max(1, round(job["timeout"]))
    config["threads"] = max(1, min(job["threads"], len(job["urls"])))
    config["useragent"] = job["user_agent"]
    config["maxrunseconds"] = max(1, round(job["budget"]))
    # The results logger is the only one: linkchecker's own (even "none") keeps per-URL statistics nobody reads.
    config["logger"] = results_logger_class(opened)(filename=job["out"])
    config.sanitize()
    aggregate = director.get_aggregate(config)
    _queue_while_checking(aggregate, job["urls"], aggregate_url)
    director.check_urls(aggregate)


def _queue_while_checking(aggregate, urls: list[str], aggregate_url) -> None:
    """Queue the first round of URLs (one per host: the engine interleaves hosts), and the rest from a thread
    while they are checked. linkchecker builds a URL's check object when it is queued (about 0.1 ms each), and
    starts checking only once the queue is full: 5 000 URLs kept a worker from sending anything for half a
    second. Later rounds wait for their host's gap anyway, so they can be queued meanwhile. The wait for the
    queue to empty waits for the feeding to end first, so no URL can be missed."""
    from linkcheck import director

    from linkhealth.engine import host_of

    hosts = len(set(map(host_of, urls)))
    first, rest = urls[:hosts], urls[hosts:]
    for url in first:
        aggregate_url(aggregate, url)
    if not rest:
        return
    feeder = threading.Thread(
        target=lambda: [aggregate_url(aggregate, url) for url in rest], name="feeder", daemon=True
    )
    wait_for_queue = director.check_url

    def wait_for_feeder_then_queue(aggregate):
        feeder.join()
        wait_for_queue(aggregate)

    director.check_url = wait_for_feeder_then_queue
    feeder.start()


def _preload() -> None:
    """Import what a run needs, before its job is known (a pre-started worker, see spawn.prestart_worker)."""
    defer_unused_imports()
    import linkcheck.checker.httpurl
    import linkcheck.cmdline
    import linkcheck.configuration
    import linkcheck.director.checker  # noqa: F401
    import requests  # noqa: F401

    import linkhealth.page  # noqa: F401
    import macros.urlpolicy  # noqa: F401


def _job_path() -> str:
    """The job file: the argument, or with `-` the first line of stdin (empty at end of input: no job)."""
    if sys.argv[1] != "-":
        return sys.argv[1]
    _preload()
    return sys.stdin.readline().strip()


if __name__ == "__main__":
    job_path = _job_path()
    if not job_path:
        os._exit(0)
    run(json.loads(Path(job_path).read_text(encoding="utf-8")))
    # The results are written and closed. Skip the interpreter's teardown: it ran one finalizer per connection
    # pool urllib3 ever made (one per URL, often) and cost up to a tenth of the worker's CPU in the profile.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
