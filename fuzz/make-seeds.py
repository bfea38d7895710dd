#!/usr/bin/env python3
"""Writes the synthetic seed corpora of the Jazzer fuzz tests (docs/fuzzing.md).

Every seed is built here from the structure of the format with made-up values and keys generated on the spot: no
byte comes from a vendor or from ../shared. Re-running it replaces the generated seeds (keys and signatures change);
seeds written by hand or by the fuzzer (regression findings) are left alone. Needs python3-cryptography.
"""
import datetime
import hashlib
import json
import os
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def put(module, package, test, method, name, data):
    folder = os.path.join(ROOT, module, "src/test/resources", package.replace(".", "/"), test + "Inputs", method)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


# --- minimal DER ---------------------------------------------------------------------------------------------------
def der(tag, body):
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + body


def oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.insert(0, 0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(chunk)
    return der(0x06, body)


def integer(v):
    raw = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True)
    return der(0x02, raw)


def seq(*items):
    return der(0x30, b"".join(items))


def octets(b):
    return der(0x04, b)


SGX = "1.2.840.113741.1.13.1"


def sgx_extension(svn=3, pcesvn=11):
    tcb = [seq(oid(f"{SGX}.2.{i}"), integer(svn)) for i in range(1, 17)]
    tcb.append(seq(oid(f"{SGX}.2.17"), integer(pcesvn)))
    tcb.append(seq(oid(f"{SGX}.2.18"), octets(bytes([svn]) * 16)))
    config = seq(seq(oid(f"{SGX}.7.1"), der(0x01, b"\x00")), seq(oid(f"{SGX}.7.2"), der(0x01, b"\xff")),
                 seq(oid(f"{SGX}.7.3"), der(0x01, b"\xff")))
    return seq(
        seq(oid(f"{SGX}.1"), octets(bytes(range(16)))),
        seq(oid(f"{SGX}.2"), seq(*tcb)),
        seq(oid(f"{SGX}.3"), octets(b"\x00\x00")),
        seq(oid(f"{SGX}.4"), octets(bytes.fromhex("10a06f010000"))),
        seq(oid(f"{SGX}.5"), der(0x0A, b"\x01")),
        seq(oid(f"{SGX}.6"), octets(bytes(16))),
        seq(oid(f"{SGX}.7"), config))


# --- a synthetic PCK-shaped chain signed by keys made here ----------------------------------------------------------
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                                                                       "Arca fuzz seeds")])


def certificate(subject, issuer, key, issuer_key, ca, extension=None):
    builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW).not_valid_after(NOW + datetime.timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if extension is not None:
        builder = builder.add_extension(x509.UnrecognizedExtension(x509.ObjectIdentifier(SGX), extension), False)
    return builder.sign(issuer_key, hashes.SHA256())


root_key = ec.generate_private_key(ec.SECP256R1())
ca_key = ec.generate_private_key(ec.SECP256R1())
leaf_key = ec.generate_private_key(ec.SECP256R1())
root = certificate("Synthetic Root CA", "Synthetic Root CA", root_key, root_key, True)
ca = certificate("Intel SGX PCK Platform CA", "Synthetic Root CA", ca_key, root_key, True)
leaf = certificate("Intel SGX PCK Certificate", "Intel SGX PCK Platform CA", leaf_key, ca_key, False,
                   sgx_extension())
CHAIN = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, ca, root))


def crl():
    revoked = x509.RevokedCertificateBuilder().serial_number(4242).revocation_date(NOW).build()
    return (x509.CertificateRevocationListBuilder().issuer_name(name("Intel SGX PCK Platform CA"))
            .last_update(NOW).next_update(NOW + datetime.timedelta(days=30)).add_revoked_certificate(revoked)
            .sign(ca_key, hashes.SHA256()))


# --- quotes --------------------------------------------------------------------------------------------------------
INTEL_QE_VENDOR = bytes.fromhex("939a7233f79c4ca9940a0db3957f0607")


def header(version, tee):
    return struct.pack("<HHI", version, 2, tee) + b"\x01\x00\x02\x00" + INTEL_QE_VENDOR + bytes(20)


def enclave_report(fill):
    return bytes([fill]) * 16 + bytes(368)


def td_report(size, fill):
    return bytes([fill]) * 16 + bytes(size - 16)


def qe_part():
    auth = bytes(range(32))
    return (enclave_report(7) + bytes(64) + struct.pack("<H", len(auth)) + auth
            + struct.pack("<HI", 5, len(CHAIN)) + CHAIN)


def quote_v3():
    signature = bytes(64) + bytes(64) + qe_part()
    return header(3, 0) + enclave_report(1) + struct.pack("<I", len(signature)) + signature


def v4_signature():
    qe = qe_part()
    return bytes(64) + bytes(64) + struct.pack("<HI", 6, len(qe)) + qe


def quote_v4():
    signature = v4_signature()
    return header(4, 0x81) + td_report(584, 2) + struct.pack("<I", len(signature)) + signature


def quote_v5(body_type, size):
    signature = v4_signature()
    return (header(5, 0x81) + struct.pack("<HI", body_type, size) + td_report(size, 3)
            + struct.pack("<I", len(signature)) + signature)


# --- collateral JSON (made-up values in Intel's PCS v4 shapes) ------------------------------------------------------
def components(n):
    return [{"svn": n, "category": "x", "type": "y"} for _ in range(16)]


def tcb_info_sgx_v3():
    return {"id": "SGX", "version": 3, "issueDate": "2026-01-01T00:00:00Z", "nextUpdate": "2026-02-01T00:00:00Z",
            "fmspc": "10a06f010000", "pceId": "0000", "tcbType": 0, "tcbEvaluationDataNumber": 17,
            "tcbLevels": [
                {"tcb": {"sgxtcbcomponents": components(3), "pcesvn": 11}, "tcbDate": "2025-11-01T00:00:00Z",
                 "tcbStatus": "UpToDate"},
                {"tcb": {"sgxtcbcomponents": components(1), "pcesvn": 5}, "tcbDate": "2024-01-01T00:00:00Z",
                 "tcbStatus": "OutOfDate", "advisoryIDs": ["ARCA-SA-00001"]}]}


def tcb_info_tdx_v3():
    identity = {"id": "TDX_01", "mrsigner": "00" * 48, "attributes": "0000000000000000",
                "attributesMask": "FFFFFFFF00000000",
                "tcbLevels": [{"tcb": {"isvsvn": 2}, "tcbDate": "2025-01-01T00:00:00Z", "tcbStatus": "UpToDate"}]}
    return {"id": "TDX", "version": 3, "issueDate": "2026-01-01T00:00:00Z", "nextUpdate": "2026-02-01T00:00:00Z",
            "fmspc": "90c06f000000", "pceId": "0000", "tcbType": 0, "tcbEvaluationDataNumber": 17,
            "tdxModule": {"mrsigner": "00" * 48, "attributes": "0000000000000000",
                          "attributesMask": "FFFFFFFFFFFFFFFF"},
            "tdxModuleIdentities": [identity],
            "tcbLevels": [{"tcb": {"sgxtcbcomponents": components(2), "pcesvn": 13,
                                   "tdxtcbcomponents": components(5)},
                           "tcbDate": "2025-11-01T00:00:00Z", "tcbStatus": "SWHardeningNeeded",
                           "advisoryIDs": ["ARCA-SA-00002"]}]}


def tcb_info_sgx_v2():
    tcb = {f"sgxtcbcomp{i:02d}svn": 2 for i in range(1, 17)}
    tcb["pcesvn"] = 10
    return {"version": 2, "issueDate": "2026-01-01T00:00:00Z", "nextUpdate": "2026-02-01T00:00:00Z",
            "fmspc": "10a06f010000", "pceId": "0000", "tcbType": 0, "tcbEvaluationDataNumber": 12,
            "tcbLevels": [{"tcb": tcb, "tcbDate": "2025-01-01T00:00:00Z", "tcbStatus": "ConfigurationNeeded"}]}


def qe_identity(ident):
    return {"id": ident, "version": 2, "issueDate": "2026-01-01T00:00:00Z", "nextUpdate": "2026-02-01T00:00:00Z",
            "tcbEvaluationDataNumber": 17, "miscselect": "00000000", "miscselectMask": "FFFFFFFF",
            "attributes": "11000000000000000000000000000000", "attributesMask": "FBFFFFFFFFFFFFFF0000000000000000",
            "mrsigner": "ab" * 32, "isvprodid": 1,
            "tcbLevels": [{"tcb": {"isvsvn": 8}, "tcbDate": "2025-06-01T00:00:00Z", "tcbStatus": "UpToDate"},
                          {"tcb": {"isvsvn": 6}, "tcbDate": "2024-06-01T00:00:00Z", "tcbStatus": "OutOfDate",
                           "advisoryIDs": ["ARCA-SA-00003"]}]}


def compact(value):
    return json.dumps(value, separators=(",", ":"))


# --- CC event log --------------------------------------------------------------------------------------------------
def ccel():
    algorithms = [(0x0C, 48)]
    spec = b"Spec ID Event03\0" + struct.pack("<IBBBB", 0, 0, 2, 0, 2) + struct.pack("<I", len(algorithms))
    for alg, size in algorithms:
        spec += struct.pack("<HH", alg, size)
    spec += b"\x00"
    out = struct.pack("<II", 0, 3) + bytes(20) + struct.pack("<I", len(spec)) + spec

    def event(index, kind, data):
        digest = hashlib.sha384(data).digest()
        return struct.pack("<III", index, kind, 1) + struct.pack("<H", 0x0C) + digest + struct.pack(
            "<I", len(data)) + data

    tag = b"AAEL" + b"domain operation {\"k\":1}"
    out += event(1, 0x6, struct.pack("<II", 0x4141454C, len(tag) - 4) + tag[4:])
    out += event(1, 0x80000001, bytes(16) + struct.pack("<QQ", 4, 3) + "Boot".encode("utf-16-le") + b"\x01\x02\x03")
    path = bytes([4, 4]) + struct.pack("<H", 4 + 8) + "a\\b".encode("utf-16-le") + b"\x00\x00" + bytes([0x7f, 0xff, 4, 0])
    out += event(2, 0x80000003, bytes(24) + struct.pack("<Q", len(path)) + path)
    out += event(2, 0xD, b"grub_cmd: linux /vmlinuz\0")
    out += event(3, 0x8000000A, b"\x05blob")
    out += event(1, 0x4, bytes(4))
    return out + b"\xff" * 16


def main():
    dcap = "intel-dcap"
    put(dcap, "dev.arca.dcap.quote", "QuoteParserFuzzTest", "quote", "sgx-v3", quote_v3())
    put(dcap, "dev.arca.dcap.quote", "QuoteParserFuzzTest", "quote", "tdx-v4", quote_v4())
    put(dcap, "dev.arca.dcap.quote", "QuoteParserFuzzTest", "quote", "tdx-v5-td10", quote_v5(2, 584))
    put(dcap, "dev.arca.dcap.quote", "QuoteParserFuzzTest", "quote", "tdx-v5-td15", quote_v5(3, 648))
    put(dcap, "dev.arca.dcap.quote", "QuoteParserFuzzTest", "quote", "tdx-v4-truncated", quote_v4()[:700])
    for label, doc in (("sgx-v2", tcb_info_sgx_v2()), ("sgx-v3", tcb_info_sgx_v3()), ("tdx-v3", tcb_info_tdx_v3())):
        put(dcap, "dev.arca.dcap.collateral", "CollateralParserFuzzTest", "tcbInfo", label, compact(doc))
        put(dcap, "dev.arca.dcap.collateral", "CollateralParserFuzzTest", "signedResponse", "tcb-" + label,
            '{"tcbInfo":' + compact(doc) + ',"signature":"' + "a1" * 64 + '"}')
    for ident in ("QE", "TD_QE"):
        put(dcap, "dev.arca.dcap.collateral", "CollateralParserFuzzTest", "qeIdentity", ident.lower(),
            compact(qe_identity(ident)))
        put(dcap, "dev.arca.dcap.collateral", "CollateralParserFuzzTest", "signedResponse", "identity-" + ident.lower(),
            '{"enclaveIdentity":' + compact(qe_identity(ident)) + ',"signature":"' + "b2" * 64 + '"}')
    revocations = crl()
    crl_der = revocations.public_bytes(serialization.Encoding.DER)
    put(dcap, "dev.arca.dcap.trust", "CrlFuzzTest", "crl", "der", crl_der)
    put(dcap, "dev.arca.dcap.trust", "CrlFuzzTest", "crl", "pem", revocations.public_bytes(serialization.Encoding.PEM))
    put(dcap, "dev.arca.dcap.trust", "CrlFuzzTest", "crl", "hex", crl_der.hex())
    put(dcap, "dev.arca.dcap.pck", "PckCertificateFuzzTest", "pemChain", "chain", CHAIN)
    put(dcap, "dev.arca.dcap.pck", "PckCertificateFuzzTest", "sgxExtension", "extension", sgx_extension())
    # regressions: an entry without its value (was ArrayIndexOutOfBounds), an SVN beyond int (was ArithmeticException)
    put(dcap, "dev.arca.dcap.pck", "PckCertificateFuzzTest", "sgxExtension", "entry-without-value",
        seq(seq(oid(f"{SGX}.1"))))
    put(dcap, "dev.arca.dcap.pck", "PckCertificateFuzzTest", "sgxExtension", "svn-beyond-int",
        seq(seq(oid(f"{SGX}.2"), seq(seq(oid(f"{SGX}.2.17"), integer(1 << 40))))))
    put(dcap, "dev.arca.dcap.eventlog", "CcEventLogFuzzTest", "eventLog", "ccel", ccel())


if __name__ == "__main__":
    sys.exit(main())
