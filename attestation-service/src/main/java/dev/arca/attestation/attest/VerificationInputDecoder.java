package dev.arca.attestation.attest;

import dev.arca.service.problem.BodyErrors;
import dev.arca.attestation.initdata.InitDataToml;
import dev.arca.attestation.initdata.InvalidInitDataException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.VerifierRegistry;
import dev.arca.attestation.web.ApiException;
import dev.arca.model.as.InitDataInput;
import dev.arca.model.as.RuntimeDataInput;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.ReportData;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one {@link VerificationRequest} into a {@link VerificationInput} (Trustee attestation-service README; Trustee
 * restful-as.md), or refuses it with a 400 that names the field at fault.
 */
@Component
class VerificationInputDecoder {

    private static final String SUPPORTED_HASHES = Arrays.stream(HashAlgorithm.values())
            .map(HashAlgorithm::wireName).collect(Collectors.joining(", "));

    private final VerifierRegistry verifiers;
    private final JsonMapper json;

    VerificationInputDecoder(VerifierRegistry verifiers, JsonMapper json) {
        this.verifiers = verifiers;
        this.json = json;
    }

    VerificationInput decode(VerificationRequest request, int index) {
        String at = "verification_requests[" + index + "]";
        if (request == null) {
            throw ApiException.badRequest(at + " is null");
        }
        if (request.tee() == null || request.tee().isBlank()) {
            throw ApiException.badRequest(at + ".tee is required");
        }
        Verifier verifier = verifiers.forTee(request.tee());
        JsonNode evidence = evidence(request.evidence(), at);
        HashAlgorithm hash = HashAlgorithm.fromWire(request.runtimeDataHashAlgorithm()).orElseThrow(() ->
                ApiException.badRequest(at + ".runtime_data_hash_algorithm '" + request.runtimeDataHashAlgorithm()
                        + "' is not one of " + SUPPORTED_HASHES));
        RuntimeDataInput runtime = request.runtimeData();
        byte[] reportData = null;
        JsonNode runtimeClaims = null;
        if (runtime != null) {
            if (!runtime.isExactlyOne()) {
                throw ApiException.badRequest(at + ".runtime_data must have exactly one of 'raw', 'structured'");
            }
            if (runtime.raw() != null) {
                reportData = base64Url(runtime.raw(), at + ".runtime_data.raw");
            } else {
                reportData = structuredDigest(runtime.structured(), hash, at);
                runtimeClaims = runtime.structured();
            }
        }
        InitDataInput init = request.initData();
        byte[] initDigest = null;
        JsonNode initClaims = null;
        if (init != null) {
            if (!init.isExactlyOne()) {
                throw ApiException.badRequest(
                        at + ".init_data must have exactly one of 'init_data_digest', 'init_data_toml'");
            }
            if (init.digest() != null) {
                initDigest = base64Url(init.digest(), at + ".init_data.init_data_digest");
            } else {
                InitDataToml toml = initDataToml(init.toml(), at);
                initDigest = toml.digest();
                initClaims = toml.claims();
            }
        }
        return new VerificationInput(verifier, evidence, reportData, runtimeClaims, initDigest, initClaims);
    }

    /** {@code evidence} is base64url (no padding) of the evidence JSON text. */
    private JsonNode evidence(String evidence, String at) {
        if (evidence == null || evidence.isEmpty()) {
            throw ApiException.badRequest(at + ".evidence is required");
        }
        byte[] bytes = base64Url(evidence, at + ".evidence");
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest(at + ".evidence does not decode to JSON: "
                    + BodyErrors.describe(e));
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest(at + ".evidence decodes to no JSON value");
        }
        return node;
    }

    private static byte[] structuredDigest(JsonNode structured, HashAlgorithm hash, String at) {
        try {
            return ReportData.digest(structured, hash);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(at + ".runtime_data.structured cannot be canonicalised (RFC 8785): "
                    + e.getMessage());
        }
    }

    private static InitDataToml initDataToml(String text, String at) {
        try {
            return InitDataToml.parse(text);
        } catch (InvalidInitDataException e) {
            throw ApiException.badRequest(at + ".init_data: " + e.getMessage());
        }
    }

    private static byte[] base64Url(String value, String field) {
        try {
            return Base64s.fromUrl(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " is not base64url without padding");
        }
    }
}
