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


def legacy_log():
    """A TCG 1.2-format (legacy SHA-1) event log: TCG_PCR_EVENT entries only."""
    out = b""
    for index, kind, data in [(0, 0x8, b"\x00\x00"), (0, 0x3, b"StartupLocality\0\x03"), (7, 0x80000001, b"SecureBoot"),
                              (4, 0xD, b"bootmgr"), (4, 0x4, bytes(4))]:
        digest = bytes(20) if kind == 0x3 else hashlib.sha1(data).digest()
        out += struct.pack("<II", index, kind) + digest + struct.pack("<I", len(data)) + data
    return out


# --- TPM 2.0 structures (TPM 2.0 Library Part 2, big-endian) -------------------------------------------------------
def tpm2b(data):
    return struct.pack(">H", len(data)) + data


def tpms_attest(nonce, banks):
    out = struct.pack(">IH", 0xFF544347, 0x8018) + tpm2b(b"\x00\x0b" + bytes(32)) + tpm2b(nonce)
    out += struct.pack(">QIIB", 1234567, 3, 1, 1) + struct.pack(">Q", 0x2019102300163636)
    out += struct.pack(">I", len(banks))
    digest = hashlib.sha256()
    for alg, bitmap in banks:
        out += struct.pack(">HB", alg, len(bitmap)) + bitmap
        for i in range(len(bitmap) * 8):
            if bitmap[i // 8] >> (i % 8) & 1:
                digest.update(hashlib.sha256(b"pcr%d" % i).digest())
    return out + tpm2b(digest.digest())


def spdm_report(opaque_items, blocks=((1, bytes(48)), (2, b"\x22" * 48)), version=0x11):
    """A Hopper-shaped SPDM 1.1 GET_MEASUREMENTS request and MEASUREMENTS response (DSP0274 1.1 10.11) with a made-up
    96-byte signature: the parser reads it, only the verifier would refuse the signature."""
    request = bytes([version, 0xE0, 0x01, 0xFF]) + bytes(range(32)) + b"\x00"
    record = b"".join(struct.pack("<BBH", index, 1, len(value) + 3) + struct.pack("<BH", 1, len(value)) + value
                      for index, value in blocks)
    opaque = b"".join(struct.pack("<HH", kind, len(data)) + data for kind, data in opaque_items)
    response = bytes([version, 0x60, 0, 0, len(blocks)]) + len(record).to_bytes(3, "little") + record
    response += b"\x5a" * 32 + struct.pack("<H", len(opaque)) + opaque
    return request + response + bytes(range(96))


def nvidia_seeds(module):
    pkg = "dev.arca.nvidia.spdm"
    required = [(3, b"550.90.07\x00"), (6, bytes([0x00, 0x9F, 0x00, 0x96, 0x01, 0, 0, 0]))]
    put(module, pkg, "SpdmReportFuzzTest", "report", "hopper", spdm_report(required + [
        (11, b"\x55"), (12, struct.pack("<4I", 0, 1, 4, 1)), (14, bytes.fromhex("b1030000")), (15, b"882\x00"),
        (20, hashlib.sha384(b"fmc").digest()), (22, bytes(16)), (34, b"\x01"), (36, b"\x02")]))
    put(module, pkg, "SpdmReportFuzzTest", "report", "trailing-byte", spdm_report(required) + b"\x00")


def tpm_seeds(module):
    pkg = "dev.arca.tpm.quote"
    put(module, pkg, "TpmStructuresFuzzTest", "attest", "all-sha256", tpms_attest(b"challenge", [(0x0B, b"\xff\xff\xff")]))
    put(module, pkg, "TpmStructuresFuzzTest", "attest", "two-banks-sparse",
        tpms_attest(bytes(48), [(0x0B, b"\xff\x40\x00"), (0x04, b"\x00\x04\x80")]))
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    message = tpms_attest(b"nonce", [(0x0B, b"\xff\xff\xff")])
    signature = rsa_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    put(module, pkg, "TpmStructuresFuzzTest", "signature", "rsassa", struct.pack(">HH", 0x14, 0x0B) + tpm2b(signature))
    put(module, pkg, "TpmStructuresFuzzTest", "signature", "ecdsa",
        struct.pack(">HH", 0x18, 0x0C) + tpm2b(bytes(range(48))) + tpm2b(bytes(range(48, 96))))
    n = rsa_key.public_key().public_numbers().n.to_bytes(256, "big")
    rsa_public = struct.pack(">HHI", 0x01, 0x0B, 0x00050072) + tpm2b(b"") + struct.pack(">HHHHI", 0x10, 0x14, 0x0B, 2048, 0)
    put(module, pkg, "TpmStructuresFuzzTest", "publicKey", "rsa", rsa_public + tpm2b(n))
    ec_key = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    ecc_public = struct.pack(">HHI", 0x23, 0x0B, 0x00050072) + tpm2b(b"") + struct.pack(">HHHHH", 0x10, 0x18, 0x0B, 0x03, 0x10)
    put(module, pkg, "TpmStructuresFuzzTest", "publicKey", "ecc",
        ecc_public + tpm2b(ec_key.x.to_bytes(32, "big")) + tpm2b(ec_key.y.to_bytes(32, "big")))
    put(module, pkg, "TpmStructuresFuzzTest", "publicKey", "spki", rsa_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
    put(module, "dev.arca.tpm.eventlog", "TcgEventLogFuzzTest", "eventLog", "legacy-sha1", legacy_log())
    numbers = rsa_key.public_key().public_numbers()
    var_data = json.dumps({"keys": [{"kid": "HCLAkPub", "key_ops": ["sign"], "kty": "RSA",
                                     "e": b64u(numbers.e.to_bytes(3, "big")), "n": b64u(n)}],
                           "vm-configuration": {"secure-boot": True}, "user-data": "00" * 64},
                          separators=(",", ":")).encode()
    for label, report_type, at in [("snp", 2, 0x50), ("tdx", 4, 128)]:
        hw = bytearray(1184)
        hw[at:at + 32] = hashlib.sha256(var_data).digest()
        hcl = b"HCLA" + struct.pack("<IIII", 2, 2600, 2, 0) + bytes(12) + bytes(hw)
        hcl += struct.pack("<IIIII", 20 + len(var_data), 1, report_type, 1, len(var_data)) + var_data
        put(module, "dev.arca.tpm.azure", "HclReportFuzzTest", "hclReport", label, hcl)


# --- JOSE ----------------------------------------------------------------------------------------------------------
import base64

from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64u(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def ec_jwk(curve, size, alg="ECDH-ES+A256KW"):
    key = ec.generate_private_key(curve).public_key().public_numbers()
    crv = "P-256" if size == 32 else "P-521"
    return {"kty": "EC", "crv": crv, "alg": alg, "x": b64u(key.x.to_bytes(size, "big")),
            "y": b64u(key.y.to_bytes(size, "big"))}


def rsa_jwk(alg):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers()
    return {"kty": "RSA", "alg": alg, "n": b64u(key.n.to_bytes(256, "big")), "e": b64u(key.e.to_bytes(3, "big"))}


P256_JWK = ec_jwk(ec.SECP256R1(), 32)
P521_JWK = ec_jwk(ec.SECP521R1(), 66)
RSA_OAEP_JWK = rsa_jwk("RSA-OAEP-256")
RSA15_JWK = rsa_jwk("RSA1_5")
EXP = 1900000000  # after the fuzz tests' fixed clock (2030-01-01)


def jwt_parts(header, payload, signature=bytes(64)):
    return (compact(header) + "\n" + compact(payload) + "\n").encode() + signature


def jose_seeds():
    admin = "dev.arca.service.security"
    claims = {"sub": "ops", "role": "admin", "exp": EXP, "nbf": 1800000000, "iat": 1800000000}
    put("service-support", admin, "AdminTokenFuzzTest", "authorizationHeader", "bearer-es256",
        "Bearer " + b64u(compact({"alg": "ES256", "typ": "JWT"})) + "." + b64u(compact(claims)) + "."
        + b64u(bytes(64)))
    put("service-support", admin, "AdminTokenFuzzTest", "authorizationHeader", "bearer-none",
        "Bearer " + b64u(compact({"alg": "none"})) + "." + b64u(compact(claims)) + ".")
    put("service-support", admin, "AdminTokenFuzzTest", "forgedToken", "es256",
        jwt_parts({"alg": "ES256", "kid": "admin"}, claims))
    put("service-support", admin, "AdminTokenFuzzTest", "forgedToken", "hs256",
        jwt_parts({"alg": "HS256"}, claims, b"x" * 32))
    put("service-support", admin, "AdminTokenFuzzTest", "signedClaims", "admin",
        compact({"alg": "ES256", "typ": "JWT"}) + "\n" + compact(claims))
    put("service-support", admin, "AdminTokenFuzzTest", "signedClaims", "odd-claims",
        compact({"alg": "ES256", "kid": "admin", "crit": ["exp"]}) + "\n"
        + compact({"role": ["admin"], "exp": "soon", "aud": [1, "x"], "iss": {"a": 1}}))
    put("common-model", "dev.arca.model.kbs", "TeePublicKeyFuzzTest", "teePubkey", "p256", compact(P256_JWK))
    put("common-model", "dev.arca.model.kbs", "TeePublicKeyFuzzTest", "teePubkey", "p521", compact(P521_JWK))
    put("common-model", "dev.arca.model.kbs", "TeePublicKeyFuzzTest", "teePubkey", "rsa", compact(RSA_OAEP_JWK))

    token = "dev.arca.kbs.token"
    ear = {"eat_profile": "tag:github.com,2023:veraison/ear", "iat": 1800000000, "exp": EXP,
           "submods": {"cpu0": {"ear.status": "affirming", "ear.veraison.annotated-evidence": {
               "runtime_data_claims": {"tee-pubkey": P256_JWK, "nonce": "bm9uY2U="}}}}}
    put("kbs-service", token, "TokenVerifierFuzzTest", "token", "ear",
        b64u(compact({"alg": "ES256", "kid": "as-key"})) + "." + b64u(compact(ear)) + "." + b64u(bytes(64)))
    put("kbs-service", token, "TokenVerifierFuzzTest", "forgedToken", "ear",
        jwt_parts({"alg": "ES256", "kid": "as-key"}, ear))
    put("kbs-service", token, "TokenVerifierFuzzTest", "forgedToken", "header-jwk",
        jwt_parts({"alg": "ES256", "jwk": {k: v for k, v in P256_JWK.items() if k != "alg"}}, ear))
    put("kbs-service", token, "TokenVerifierFuzzTest", "signedClaims", "ear",
        compact({"alg": "ES256", "kid": "as-key", "typ": "JWT"}) + "\n" + compact(ear))
    put("kbs-service", token, "TokenVerifierFuzzTest", "signedClaims", "generic-rsa-key",
        compact({"alg": "ES256", "kid": "as-key"}) + "\n"
        + compact({"exp": EXP, "nbf": 1800000000, "tee-pubkey": RSA_OAEP_JWK}))

    protocol = "dev.arca.kbs.protocol"
    for version, tee, extra in (("0.4.0", "tdx", {"supported-hash-algorithms": ["sha384", "sha512"]}),
                                ("0.3.0", "snp", {"supported-hash-algorithms": ["SHA256"]}),
                                ("0.1.0", "sgx", "")):
        put("kbs-service", protocol, "KbsProtocolFuzzTest", "request", "v" + version,
            compact({"version": version, "tee": tee, "extra-params": extra}))
    evidence = {"quote": b64u(bytes(32)), "cc_eventlog": b64u(b"log")}
    put("kbs-service", protocol, "KbsProtocolFuzzTest", "attestation", "v0.4.0", compact({
        "init-data": {"format": "toml", "body": INIT_DATA},
        "runtime-data": {"nonce": "bm9uY2U=", "tee-pubkey": P256_JWK},
        "tee-evidence": {"primary_evidence": evidence,
                         "additional_evidence": compact({"nvidia": {"evidence_list": []}})}}))
    put("kbs-service", protocol, "KbsProtocolFuzzTest", "attestation", "v0.3.0", compact({
        "tee-pubkey": P521_JWK, "tee-evidence": {"primary_evidence": evidence, "additional_evidence": ""}}))
    put("kbs-service", protocol, "KbsProtocolFuzzTest", "attestation", "v0.2.0",
        compact({"tee-pubkey": RSA_OAEP_JWK, "tee-evidence": evidence}))
    put("kbs-service", protocol, "KbsProtocolFuzzTest", "attestation", "v0.1.0",
        compact({"tee-pubkey": RSA15_JWK, "tee-evidence": compact(evidence)}))

    agent = "dev.arca.agent.kbs"
    epk = {k: v for k, v in P256_JWK.items() if k != "alg"}
    for label, header in (("ecdh-es", {"alg": "ECDH-ES+A256KW", "enc": "A256GCM", "epk": epk}),
                          ("rsa-oaep", {"alg": "RSA-OAEP-256", "enc": "A256GCM"})):
        put("attestation-agent", agent, "ResourceJweFuzzTest", "resourceJwe", label, compact({
            "protected": b64u(compact(header)), "encrypted_key": b64u(os.urandom(40 if label == "ecdh-es" else 384)),
            "iv": b64u(os.urandom(12)), "ciphertext": b64u(os.urandom(24)), "tag": b64u(os.urandom(16))}))
    put("attestation-agent", agent, "ResourceJweFuzzTest", "resourceJwe", "legacy", compact({
        "protected": compact({"alg": "RSA1_5", "enc": "A256GCM"}), "encrypted_key": b64u(os.urandom(384)),
        "iv": b64u(os.urandom(12)), "ciphertext": b64u(os.urandom(40)), "tag": ""}))


# --- init-data -----------------------------------------------------------------------------------------------------
INIT_DATA = """version = "0.1.0"
algorithm = "sha384"

[data]
"aa.toml" = \'\'\'
[token_configs.kbs]
url = "https://kbs.example:8080"
\'\'\'
"cdh.toml" = \'\'\'
socket = "unix:///run/confidential-containers/cdh.sock"
[kbc]
name = "cc_kbc"
url = "https://kbs.example:8080"
\'\'\'
"policy.rego" = \'\'\'
package agent_policy
default AllowRequestsFailingPolicy := false
policy_data := {"allow": ["CreateContainer"], "limits": {"cpu": 2}}
\'\'\'
"""


def init_data_seeds():
    for module, package, test, method in (
            ("attestation-agent", "dev.arca.agent.initdata", "InitDataDocumentFuzzTest", "initData"),
            ("attestation-service", "dev.arca.attestation.initdata", "InitDataTomlFuzzTest", "initDataToml")):
        put(module, package, test, method, "full", INIT_DATA)
        put(module, package, test, method, "minimal", 'version = "0.1.0"\nalgorithm = "sha256"\n[data]\n')
        put(module, package, test, method, "types", 'version = "0.1.0"\nalgorithm = "sm3"\n'
            '[data]\nx = 1979-05-27T07:32:00Z\ny = [1, 2.5, true]\nz.a.b = "dotted"\n')


# --- RVPS ----------------------------------------------------------------------------------------------------------
def cbor_head(major, value):
    if value < 24:
        return bytes([major << 5 | value])
    for size, code in ((1, 24), (2, 25), (4, 26), (8, 27)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | code]) + value.to_bytes(size, "big")
    raise ValueError(value)


class Tag:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def cbor(value):
    if isinstance(value, Tag):
        return cbor_head(6, value.tag) + cbor(value.value)
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return cbor_head(0, value) if value >= 0 else cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return cbor_head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):
        return cbor_head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(value)


def comid():
    environment = {0: {1: "ACME", 2: "Widget"}}
    measurements = [
        {0: "firmware", 1: {11: "fw", 2: [[7, bytes(48)], [1, bytes(range(32))]]}},
        {0: 3, 1: {8: "SN-1", 4: Tag(560, b"\x01\x02")}},
        {0: Tag(37, bytes(range(16))), 1: {2: [[1, b"\xaa" * 32]]}}]
    return {1: {0: "comid-1"}, 4: {0: [[environment, measurements]]}}


def corim_seeds():
    corim_map = {0: "corim-1", 1: [Tag(506, cbor(comid())), cbor(comid()), Tag(505, b"coswid")]}
    package = "dev.arca.rvps.extractor.corim"
    put("rvps-service", package, "CorimFuzzTest", "corim", "unsigned", cbor(Tag(501, corim_map)))
    put("rvps-service", package, "CorimFuzzTest", "corim", "tagged", cbor(Tag(500, Tag(501, corim_map))))
    sign1 = [cbor({1: -7}), {}, cbor(Tag(501, corim_map)), bytes(64)]
    put("rvps-service", package, "CorimFuzzTest", "corim", "signed", cbor(Tag(502, Tag(18, sign1))))


SWID = """<?xml version="1.0" encoding="UTF-8"?>
<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
    xmlns:rim="https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/"
    xmlns:SHA384="http://www.w3.org/2001/04/xmlenc#sha384" name="Widget" tagId="ACME-1" version="1.0">
  <Meta edition="7" rim:PlatformManufacturerStr="ACME Inc" rim:PlatformModel="Widget"/>
  <Payload>
    <Directory name="measurements">
      <Resource type="Measurement" index="0" SHA384:Hash0="%s" SHA384:Hash1="%s"/>
      <Resource type="Measurement" index="1-a" SHA384:Hash0="%s"/>
      <Resource type="Configuration" index="2" SHA384:Hash0="%s"/>
    </Directory>
  </Payload>
</SoftwareIdentity>
""" % ("11" * 48, "22" * 48, "33" * 48, "44" * 48)


def swid_seeds():
    package = "dev.arca.rvps.extractor.swid"
    put("rvps-service", package, "SwidFuzzTest", "swid", "rim", SWID)
    put("rvps-service", package, "SwidFuzzTest", "swid", "xxe",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><r>&x;</r>')
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    for i in range(1, 10):
        laughs += '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10)
    put("rvps-service", package, "SwidFuzzTest", "swid", "billion-laughs", laughs + ']><lolz>&lol9;</lolz>')
    put("rvps-service", package, "SwidFuzzTest", "swid", "external-dtd",
        '<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd"><r/>')


def in_toto_seeds():
    package = "dev.arca.rvps.extractor.intoto"
    digest = {"sha256": "ab" * 32}
    layout = {"_type": "layout", "expires": "2031-01-01T00:00:00Z", "readme": "", "keys": {"@keyid@": "@key@"},
              "steps": [
                  {"_type": "step", "name": "build", "threshold": 1, "pubkeys": ["@keyid@"],
                   "expected_command": ["make"], "expected_materials": [["ALLOW", "src/*"], ["DISALLOW", "*"]],
                   "expected_products": [["CREATE", "out/*.bin"], ["DISALLOW", "*"]]},
                  {"_type": "step", "name": "package", "threshold": 1, "pubkeys": ["@keyid@"],
                   "expected_command": ["tar"],
                   "expected_materials": [["MATCH", "out/*", "WITH", "PRODUCTS", "FROM", "build"],
                                          ["DISALLOW", "*"]],
                   "expected_products": [["CREATE", "app.tar.gz"], ["DISALLOW", "*"]]}],
              "inspect": []}
    build = {"_type": "link", "name": "build", "command": ["make"], "materials": {"src/a.c": digest},
             "products": {"out/a.bin": digest}, "byproducts": {}, "environment": {}}
    package_link = {"_type": "link", "name": "package", "command": ["tar"], "materials": {"out/a.bin": digest},
                    "products": {"app.tar.gz": {"sha256": "cd" * 32}}, "byproducts": {}, "environment": {}}
    chain = {"layout": layout, "links": {"build.1234abcd.link": build, "package.1234abcd.link": package_link},
             "artifacts": {"app.tar.gz": {"sha256": "cd" * 32}}}
    put("rvps-service", package, "InTotoFuzzTest", "signedSupplyChain", "two-steps", json.dumps(chain, indent=1))
    layout["steps"][0]["expected_products"][0][1] = "out/[a-f]*.bin"
    layout["steps"][1]["expected_materials"][0] = ["MATCH", "*", "IN", "out", "WITH", "PRODUCTS", "IN", "out",
                                                   "FROM", "build"]
    layout["steps"][1]["expected_products"].insert(0, ["ALLOW", "[!x]pp.tar.?z"])
    put("rvps-service", package, "InTotoFuzzTest", "signedSupplyChain", "character-classes",
        json.dumps(chain, indent=1))
    # regression: a reversed character range (was PatternSyntaxException)
    layout["steps"][0]["expected_products"][0][1] = "out/[z-a]*.bin"
    put("rvps-service", package, "InTotoFuzzTest", "signedSupplyChain", "reversed-range", json.dumps(chain, indent=1))
    layout["steps"][0]["expected_products"][0][1] = "out/[a-f]*.bin"
    # payload as received: metablock and DSSE wrappings with signatures by an untrusted key
    metablock = {"signed": layout, "signatures": [{"keyid": "00" * 32, "sig": "00" * 64}]}
    dsse = {"payloadType": "application/vnd.in-toto+json", "payload": base64.b64encode(compact(layout).encode())
            .decode(), "signatures": [{"keyid": "00" * 32, "sig": base64.b64encode(bytes(64)).decode()}]}
    link_block = {"signed": build, "signatures": [{"keyid": "00" * 32, "sig": "00" * 64}]}
    put("rvps-service", package, "InTotoFuzzTest", "payload", "metablock",
        compact({"layout": metablock, "links": {"build.00000000.link": link_block}}))
    put("rvps-service", package, "InTotoFuzzTest", "payload", "dsse-base64", base64.b64encode(
        compact({"layout": dsse, "links": {}, "artifacts": {"app.tar.gz": {"sha256": "cd" * 32}}}).encode()))


# --- AMD SEV-SNP (amd-snp) -------------------------------------------------------------------------------------------
AMD = "1.3.6.1.4.1.3704.1."


def snp_report(version, family, model, tcb, signing_key=0, fill=0x11):
    """An ATTESTATION_REPORT (AMD pub. 56860 layout) with made-up fields and a made-up P-384 signature."""
    report = bytearray(0x4A0)
    struct.pack_into("<IIQ", report, 0, version, 1, 0x30000)
    struct.pack_into("<II", report, 0x30, 0, 1)
    struct.pack_into("<QQI", report, 0x38, tcb, 0x3, signing_key << 2)
    report[0x50:0x90] = bytes([fill]) * 64
    report[0x90:0xC0] = bytes([fill + 1]) * 48
    struct.pack_into("<Q", report, 0x180, tcb)
    if version >= 3:
        report[0x188:0x18B] = bytes([family, model, 1])
    report[0x1A0:0x1E0] = bytes(range(64))
    struct.pack_into("<Q", report, 0x1E0, tcb)
    report[0x1E8:0x1EB] = bytes([29, 55, 1])
    report[0x1EC:0x1EF] = bytes([29, 55, 1])
    struct.pack_into("<Q", report, 0x1F0, tcb)
    key = ec.generate_private_key(ec.SECP384R1())
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    r, s_ = decode_dss_signature(key.sign(bytes(report[:0x2A0]), ec.ECDSA(hashes.SHA384())))
    report[0x2A0:0x2E8] = r.to_bytes(72, "little")
    report[0x2E8:0x330] = s_.to_bytes(72, "little")
    return bytes(report)


def sev_json(report):
    """The sev crate's serde of a Milan-layout report, as upstream's attester sends it."""
    def u(off, n):
        return int.from_bytes(report[off:off + n], "little")

    def arr(off, n):
        return list(report[off:off + n])

    def tcb(off):
        return {"fmc": None, "bootloader": report[off], "tee": report[off + 1], "snp": report[off + 6],
                "microcode": report[off + 7]}

    version = u(0, 4)
    doc = {"version": version, "guest_svn": u(4, 4), "policy": u(8, 8), "family_id": arr(0x10, 16),
           "image_id": arr(0x20, 16), "vmpl": u(0x30, 4), "sig_algo": u(0x34, 4), "current_tcb": tcb(0x38),
           "plat_info": u(0x40, 8), "key_info": u(0x48, 4), "report_data": arr(0x50, 64),
           "measurement": arr(0x90, 48), "host_data": arr(0xC0, 32), "id_key_digest": arr(0xE0, 48),
           "author_key_digest": arr(0x110, 48), "report_id": arr(0x140, 32), "report_id_ma": arr(0x160, 32),
           "reported_tcb": tcb(0x180), "cpuid_fam_id": report[0x188] if version >= 3 else None,
           "cpuid_mod_id": report[0x189] if version >= 3 else None,
           "cpuid_step": report[0x18A] if version >= 3 else None, "chip_id": arr(0x1A0, 64),
           "committed_tcb": tcb(0x1E0), "current": {"major": report[0x1EA], "minor": report[0x1E9],
                                                    "build": report[0x1E8]},
           "committed": {"major": report[0x1EE], "minor": report[0x1ED], "build": report[0x1EC]},
           "launch_tcb": tcb(0x1F0), "launch_mit_vector": None, "current_mit_vector": None,
           "signature": {"r": arr(0x2A0, 72), "s": arr(0x2E8, 72)}}
    return compact(doc)


def endorsement_key(common_name, product, spls, hw_id=None, hw_id_wrapped=False, csp_id=None):
    """A VCEK/VLEK-shaped certificate: P-384 key, AMD extensions, RSASSA-PSS SHA-384 by a made-up ASK. AMD's have
    serial number 0, which this library refuses to write; the Java test PKI covers serial 0."""
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    issuer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = ec.generate_private_key(ec.SECP384R1())
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SEV-" + product.split("-")[0])]))
               .public_key(key.public_key()).serial_number(1)
               .not_valid_before(datetime.datetime(2024, 1, 1)).not_valid_after(datetime.datetime(2031, 1, 1)))
    ext = lambda suffix, value: x509.UnrecognizedExtension(x509.ObjectIdentifier(AMD + suffix), value)
    builder = builder.add_extension(ext("1", integer(0)), False)
    builder = builder.add_extension(ext("2", der(0x16, product.encode())), False)
    for suffix, value in spls.items():
        builder = builder.add_extension(ext(suffix, integer(value)), False)
    if hw_id is not None:
        builder = builder.add_extension(ext("4", octets(hw_id) if hw_id_wrapped else hw_id), False)
    if csp_id is not None:
        builder = builder.add_extension(ext("5", der(0x16, csp_id.encode())), False)
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
    return builder.sign(issuer_key, hashes.SHA384(), rsa_padding=pss).public_bytes(serialization.Encoding.DER)


def amd_seeds():
    module, package = "amd-snp", "dev.arca.snp"
    milan_tcb = 0x7308000000000003
    turin_tcb = 0x0900000018000401
    v2 = snp_report(2, 0, 0, milan_tcb)
    v3 = snp_report(3, 0x19, 0x01, milan_tcb)
    v5 = snp_report(5, 0x1A, 0x02, turin_tcb)
    vlek_report = snp_report(3, 0x19, 0x11, milan_tcb, signing_key=1)
    for name, report in (("v2-milan", v2), ("v3-milan", v3), ("v5-turin", v5), ("v3-genoa-vlek", vlek_report),
                         ("truncated", v3[:700])):
        put(module, package + ".report", "SnpReportFuzzTest", "report", name, report)
    put(module, package + ".report", "SnpReportFuzzTest", "reportJson", "v3-milan", sev_json(v3))
    put(module, package + ".report", "SnpReportFuzzTest", "reportJson", "v2-milan", sev_json(v2))
    milan_spls = {"3.1": 3, "3.2": 0, "3.3": 8, "3.8": 115}
    vcek = endorsement_key("SEV-VCEK", "Milan-B0", milan_spls, hw_id=bytes(range(64)))
    certificates = {
        "vcek-milan": vcek,
        "vcek-milan-hwid-octet-string": endorsement_key("SEV-VCEK", "Milan-B0", milan_spls, hw_id=bytes(range(64)),
                                                        hw_id_wrapped=True),
        "vcek-turin": endorsement_key("SEV-VCEK", "Turin", {"3.1": 4, "3.2": 0, "3.3": 24, "3.8": 9, "3.9": 1},
                                      hw_id=bytes(range(8))),
        "vlek-genoa": endorsement_key("SEV-VLEK", "Genoa", milan_spls, csp_id="CN=cloud.example"),
    }
    for name, certificate in certificates.items():
        put(module, package + ".cert", "EndorsementKeyFuzzTest", "certificate", name, certificate)
    put(module, package, "SnpEvidenceFuzzTest", "evidence", "v3-milan-vcek", v3 + vcek)
    put(module, package, "SnpEvidenceFuzzTest", "evidence", "v2-milan-vcek", v2 + vcek)
    put(module, package, "SnpEvidenceFuzzTest", "evidence", "report-only", v3)


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
    put("tpm", "dev.arca.tpm.eventlog", "TcgEventLogFuzzTest", "eventLog", "ccel", ccel())
    tpm_seeds("tpm")
    nvidia_seeds("nvidia-gpu")
    jose_seeds()
    init_data_seeds()
    corim_seeds()
    swid_seeds()
    in_toto_seeds()
    amd_seeds()


if __name__ == "__main__":
    sys.exit(main())
