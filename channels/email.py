"""Email over SMTP (`aiosmtplib`): an HTML and a plain-text part rendered from `templates/` (Jinja2, sandboxed,
HTML autoescaped), the action link as a button, the delivery's stable id as the Message-ID, and with SERVICE_URL
a one-click unsubscribe link (`services.unsubscribe`) in the List-Unsubscribe header and the footer.

SMTP_URL is `smtp://user:pass@host:port` (STARTTLS when the server offers it; `?starttls=required` to insist) or
`smtps://` (TLS from the start). One connection is kept and reused for message after message.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Mapping, Sequence
from contextlib import suppress
from email import quoprimime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, parseaddr
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urljoin, urlsplit

import aiosmtplib
from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from channels.base import Channel, Failed, Outcome, Retry, Sent, delivery_key, required
from models.outbox import Claimed, Reach
from services import unsubscribe
from services.unsubscribe import Subscription
from settings import ConfigurationError, Settings

# Autoescaped by file name: the HTML part escapes what senders wrote, the text part keeps it as written.
_TEMPLATES = SandboxedEnvironment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
)
# Notifications whose shared part is kept; a worker's batch rarely spans more than a few.
_SHARED_KEPT = 64
# Errors of the connection, not of one message: the next attempt, or the next message, may well succeed.
_CONNECTION = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPHeloError)


def _unsubscribe_url(item: Claimed, unsubscribing: tuple[str, str] | None, type_: str) -> str | None:
    if unsubscribing is None or item.required:  # a required type's link would switch nothing off
        return None
    service_url, secret = unsubscribing
    return unsubscribe.link(service_url, secret, Subscription(item.tenant_id, item.user, type_))


def _shown(item: Claimed, public_url: str | None) -> dict[str, str | None]:
    """What a template shows of one notification."""
    message = item.message
    link = urljoin(public_url, message.action_url) if public_url and message.action_url else message.action_url
    # Only web links become buttons: anything else (javascript:, a relative path with no PUBLIC_URL) is left out.
    if link is not None and not link.startswith(("https://", "http://")):
        link = None
    return {
        "title": message.title,
        "body": message.body,
        "action_url": link,
        "action_text": message.action_text or "Open",
    }


def _email(
    item: Claimed,
    sender: str,
    subject: str,
    template: str,
    context: Mapping[str, object],
    unsubscribe_url: str | None,
    cte: str | None = None,
) -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = subject
    email["From"] = sender
    email["To"] = item.email
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = f"<{delivery_key(item)}@{sender.rpartition('@')[2].strip('> ') or 'localhost'}>"
    if unsubscribe_url is not None:
        email["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context = {**context, "unsubscribe_url": unsubscribe_url}
    email.set_content(_TEMPLATES.get_template(f"{template}.txt").render(context), cte=cte)
    email.add_alternative(_TEMPLATES.get_template(f"{template}.html").render(context), subtype="html", cte=cte)
    return email


def compose(
    item: Claimed, sender: str, public_url: str | None, unsubscribing: tuple[str, str] | None = None
) -> EmailMessage:
    """The email of one delivery. With `unsubscribing` (the service's URL and secret), it carries a one-click
    unsubscribe link (RFC 8058) that switches email off for the notification's type."""
    unsubscribe_url = _unsubscribe_url(item, unsubscribing, item.message.type)
    return _email(item, sender, item.message.title, "email", _shown(item, public_url), unsubscribe_url)


# Stands for the recipient's unsubscribe link in a shared part: letters only, so quoted-printable keeps it whole.
_PLACEHOLDER = "UNSUBSCRIBELINKOFTHERECIPIENT"
_PER_RECIPIENT = ("To", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")


def shared_part(item: Claimed, sender: str, public_url: str | None, unsubscribing: bool = False) -> list[bytes]:
    """What `compose` makes for every recipient of `item`'s notification alike (all but To, Date, Message-ID and
    the unsubscribe headers), as the bytes SMTP sends: rendered and encoded once per notification, not once per
    recipient. With `unsubscribing`, split where the recipient's link goes in the text and in the HTML part (both
    quoted-printable, which leaves the placeholder as it is); an empty list if it did not come out so."""
    placeholder = _PLACEHOLDER if unsubscribing else None
    email = _email(item, sender, item.message.title, "email", _shown(item, public_url), placeholder, "quoted-printable")
    for name in _PER_RECIPIENT:
        del email[name]
    pieces = email.as_bytes(policy=SMTP_POLICY).split(_PLACEHOLDER.encode())
    return pieces if len(pieces) == (3 if unsubscribing else 1) else []


def _quoted(text: str) -> bytes:
    """`text` as a run of quoted-printable on lines of its own (soft line breaks around it), whatever it follows."""
    return b"=\r\n" + quoprimime.body_encode(text, eol="\r\n").encode() + b"=\r\n"


def compose_digest(
    items: Sequence[Claimed], sender: str, public_url: str | None, unsubscribing: tuple[str, str] | None = None
) -> EmailMessage:
    """One email listing `items` (one user's), under the first one's stable id. Its unsubscribe link is the
    type's when all are of one type (and it is not required); a digest of several types has none, as one click
    switches off one type."""
    subject = items[0].message.title if len(items) == 1 else f"{len(items)} notifications"
    context = {"subject": subject, "notifications": [_shown(item, public_url) for item in items]}
    types = {item.message.type for item in items}
    unsubscribe_url = _unsubscribe_url(items[0], unsubscribing, items[0].message.type) if len(types) == 1 else None
    return _email(items[0], sender, subject, "digest", context, unsubscribe_url)


class EmailChannel(Channel):
    reach = Reach("email", preference="email", contact="email")
    quiet = True

    def __init__(
        self,
        url: str,
        sender: str,
        public_url: str | None,
        timeout: float,
        unsubscribing: tuple[str, str] | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigurationError("SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…")
        self._options = {
            "hostname": parts.hostname,
            "port": parts.port,
            "username": unquote(parts.username) if parts.username else None,
            "password": unquote(parts.password) if parts.password else None,
            "use_tls": parts.scheme == "smtps",
            # None: STARTTLS if the server offers it.
            "start_tls": True if "starttls=required" in parts.query else (False if parts.scheme == "smtps" else None),
            "timeout": timeout,
        }
        self._sender, self._public_url, self._unsubscribing = sender, public_url, unsubscribing
        self._envelope_sender = parseaddr(sender)[1]
        # By notification: its recipients' emails differ in a few headers and the unsubscribe link.
        self._shared: dict[int, list[bytes]] = {}
        self._client: aiosmtplib.SMTP | None = None
        self._lock = asyncio.Lock()  # one conversation at a time on the one connection

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        url = required(settings.smtp_url, "SMTP_URL", "email")
        unsubscribing = None
        if settings.service_url:
            unsubscribing = (settings.service_url, settings.signing_secret())
        return cls(url, settings.email_from, settings.public_url, settings.delivery_timeout_seconds, unsubscribing)

    async def deliver(self, item: Claimed) -> Outcome:
        if not item.email:
            return Failed("the user has no email address")
        if not item.email.isascii():  # needs SMTPUTF8, which `send_message` negotiates
            return await self._send(compose(item, self._sender, self._public_url, self._unsubscribing))
        made = self.made_from_shared(item)
        if made is None:  # the placeholder did not survive encoding: this notification's emails are composed whole
            return await self._send(compose(item, self._sender, self._public_url, self._unsubscribing))
        return await self._send(made, item.email)

    def made_from_shared(self, item: Claimed) -> bytes | None:
        """`item`'s email as `compose` makes it, from its notification's shared part and the recipient's headers
        and link; None if this notification has no usable shared part."""
        shared = self._shared.get(item.message.id)
        if shared is None:
            if len(self._shared) >= _SHARED_KEPT:
                self._shared.clear()
            # Whether a type is required is the tenant's, and so the same for every recipient of a notification.
            unsubscribing = self._unsubscribing is not None and not item.required
            shared = self._shared[item.message.id] = shared_part(item, self._sender, self._public_url, unsubscribing)
        if not shared:
            return None
        # Addresses are checked at registration (no spaces or line breaks), so they cannot add headers here.
        headers = f"To: {item.email}\r\nDate: {formatdate()}\r\nMessage-ID: {self._message_id(item)}\r\n"
        url = _unsubscribe_url(item, self._unsubscribing, item.message.type)
        if url is None:
            return headers.encode() + shared[0]
        headers += f"List-Unsubscribe: <{url}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        text, between, rest = shared
        return headers.encode() + text + _quoted(url) + between + _quoted(html.escape(url)) + rest

    async def deliver_digest(self, items: Sequence[Claimed]) -> Outcome:
        if not items[0].email:
            return Failed("the user has no email address")
        return await self._send(compose_digest(items, self._sender, self._public_url, self._unsubscribing))

    def _message_id(self, item: Claimed) -> str:
        return f"<{delivery_key(item)}@{self._sender.rpartition('@')[2].strip('> ') or 'localhost'}>"

    async def _send(self, email: EmailMessage | bytes, recipient: str | None = None) -> Outcome:
        async with self._lock:
            try:
                reused = self._client is not None and self._client.is_connected
                try:
                    await self._transmit(email, recipient)
                except aiosmtplib.SMTPServerDisconnected:
                    if not reused:
                        raise
                    # The server closed the idle connection we kept: that says nothing about this message.
                    self._drop()
                    await self._transmit(email, recipient)
            except aiosmtplib.SMTPRecipientsRefused as error:
                return _refused(error.recipients[0].code, error.recipients[0].message)
            except _CONNECTION as error:
                self._drop()
                return Retry(f"SMTP connection: {type(error).__name__}: {error}"[:300])
            except aiosmtplib.SMTPResponseException as error:
                return _refused(error.code, error.message)
            except (aiosmtplib.SMTPException, OSError) as error:
                self._drop()
                return Retry(f"SMTP: {type(error).__name__}: {error}"[:300])
        return Sent()

    async def _transmit(self, email: EmailMessage | bytes, recipient: str | None) -> None:
        client = await self._connected()
        if isinstance(email, bytes):
            await client.sendmail(self._envelope_sender, [recipient or ""], email)
        else:
            await client.send_message(email)

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._client is None or not self._client.is_connected:
            self._client = aiosmtplib.SMTP(**self._options)  # type: ignore[arg-type]
            await self._client.connect()
        return self._client

    def _drop(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        async with self._lock:
            if self._client is not None and self._client.is_connected:
                with suppress(aiosmtplib.SMTPException, OSError):
                    await self._client.quit()
            self._drop()


def _refused(code: int, message: str) -> Outcome:
    """SMTP's own verdict on a message: 5xx for good (no such mailbox, refused), 4xx for now."""
    reason = f"SMTP {code}: {message}"[:300]
    return Failed(reason) if 500 <= code < 600 else Retry(reason)


CHANNEL = EmailChannel
