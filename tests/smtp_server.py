"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mail tests, with injectable failures."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.rcpt_replies: dict[str, str] = {}  # address -> reply, e.g. "550 5.1.1 unknown"
        self.data_replies: list[str] = []  # consumed one per DATA, e.g. "451 try later"
        self.mail_replies: list[str] = []  # consumed one per MAIL FROM
        self.on_data = None  # called after a message is accepted
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802
        if self.mail_replies:
            return self.mail_replies.pop(0)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_replies:
            return self.data_replies.pop(0)
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        msg["X-Envelope-From"] = envelope.mail_from or ""
        self.messages.append(msg)
        if self.on_data:
            self.on_data(msg)
        return "250 Message accepted"


class SmtpServer:
    def __init__(
        self,
        *,
        tls: ssl.SSLContext | None = None,
        users: dict[str, str] | None = None,
        size_limit: int | None = None,
    ):
        self.handler = Handler()
        self.port = free_port()
        self.users = users
        kwargs: dict = {}
        if size_limit:
            kwargs.update(data_size_limit=size_limit)  # answers 552 above it
        if tls:
            kwargs.update(tls_context=tls, require_starttls=True)
        if users is not None:
            kwargs.update(authenticator=self._auth, auth_require_tls=tls is not None)
        self.kwargs = kwargs
        self.controller: Controller | None = None

    def _auth(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.users
            and self.users.get(auth_data.login.decode()) == auth_data.password.decode()
        )
        return AuthResult(success=bool(ok), handled=False)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def wait_for(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        """The messages, once at least `count` have arrived (mail sent in the background,
        such as the site's confirmations); AssertionError after `timeout` seconds."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.messages)} messages, expected {count}")
            time.sleep(0.05)
        return self.messages

    def start(self) -> SmtpServer:
        """Start (or start again after stop(): a Controller cannot be restarted)."""
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, **self.kwargs
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def make_ca(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A throwaway CA and a certificate for 127.0.0.1 signed by it: (CA file, server context)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("wp-digest test CA"))
        .issuer_name(name("wp-digest test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return ca_file, context
