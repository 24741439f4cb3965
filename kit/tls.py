"""TLS for the public port and mutual TLS between the services, from PEM files named in
settings; and `python -m kit.tls make-pki DIR`, which writes a local CA and the certificates
`make run` uses (the gateway's public certificate, and one internal identity per service).

Internal identities are certificates whose common name is the service ("storage", "gateway",
"tailor_worker", "export_worker"), signed by the internal CA: storage requires one from every
caller and serves only the identities it allows, so no shared secret alone opens it.
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc

INTERNAL_IDENTITIES = ("gateway", "tailor_worker", "export_worker")


@dataclass(frozen=True)
class TlsFiles:
    """A certificate chain and its key, and the CA that peers' certificates must chain to
    (None: peers are not asked for a certificate)."""

    cert_file: str
    key_file: str
    ca_file: str | None = None

    def server_credentials(self) -> grpc.ServerCredentials:
        ca = _read(self.ca_file) if self.ca_file else None
        return grpc.ssl_server_credentials(
            [(_read(self.key_file), _read(self.cert_file))],
            root_certificates=ca,
            require_client_auth=ca is not None,
        )

    def channel_credentials(self) -> grpc.ChannelCredentials:
        """A client presenting this certificate, trusting servers signed by `ca_file`."""
        return grpc.ssl_channel_credentials(
            root_certificates=_read(self.ca_file) if self.ca_file else None,
            private_key=_read(self.key_file),
            certificate_chain=_read(self.cert_file),
        )


def _read(path: str | None) -> bytes:
    assert path is not None
    return Path(path).read_bytes()


def peer_identity(context: Any) -> str:
    """The common name of the caller's verified certificate, or "" (no mutual TLS)."""
    try:
        names = context.auth_context().get("x509_common_name") or []
    except Exception:
        return ""
    return names[0].decode() if names else ""


# --- a local PKI for `make run` and the tests -------------------------------------------------


def make_pki(directory: Path, *, hosts: tuple[str, ...] = ("localhost", "127.0.0.1")) -> None:
    """Writes ca.pem (and ca.key), gateway.pem/.key (the public server certificate) and an
    internal identity per service (storage, and each of INTERNAL_IDENTITIES). One CA signs
    both kinds here; in production the public certificate comes from a public CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    def write(stem: str, key: Any, cert: x509.Certificate) -> None:
        key_path = directory / f"{stem}.key"
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        key_path.chmod(0o600)
        (directory / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("resumeai local CA"))
        .issuer_name(name("resumeai local CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    write("ca", ca_key, ca)
    sans: list[x509.GeneralName] = []
    for host in hosts:
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            sans.append(x509.DNSName(host))
    usages = [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
    for stem in ("gateway", "storage", *INTERNAL_IDENTITIES):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name(stem))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName([*sans, x509.DNSName(stem)]), False)
            .add_extension(x509.ExtendedKeyUsage(usages), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        write(stem, key, cert)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kit.tls")
    commands = parser.add_subparsers(dest="command", required=True)
    pki = commands.add_parser("make-pki", help="write a local CA and the services' certificates")
    pki.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    make_pki(args.directory)
    sys.stdout.write(f"wrote a local CA and certificates to {args.directory}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
