package dev.arca.agent.service;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.cocoas.CocoAsTokenClient;
import dev.arca.agent.initdata.InitDataDocument;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsException;
import dev.arca.agent.measurement.MeasurementException;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourceUri;
import dev.arca.model.tee.Tee;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * What upstream splits between the Attestation Agent and the Confidential Data Hub (guest-components
 * attestation-agent.proto; guest-components confidential-data-hub api.proto), in one object the CLI and the REST API
 * call: evidence for caller-chosen runtime data, tokens, runtime measurements, the TEE type, and KBS resources. One KBS
 * client is kept for the service's life, so its token is reused until shortly before it expires instead of attesting
 * for every call.
 */
public final class AgentService {

    /** Token types of {@code GetToken} (guest-components attestation-agent.proto). */
    public static final String TOKEN_KBS = "kbs";
    public static final String TOKEN_COCO_AS = "coco_as";

    private final Attester primary;
    private final List<Attester> devices;
    private final Supplier<KbsClient> kbs;
    private final CocoAsTokenClient cocoAs;
    private final RuntimeMeasurement measurement;
    private final InitDataDocument initData;
    private final InitDataBinding initDataBinding;

    /**
     * @param kbs         makes the KBS client on first use (memoized here)
     * @param cocoAs      the coco_as token source, or null when none is configured
     * @param initData    the init-data document, or null
     * @param binding     what binding it did, or null without init-data
     */
    public AgentService(Attester primary, List<Attester> devices, Supplier<KbsClient> kbs, CocoAsTokenClient cocoAs,
            RuntimeMeasurement measurement, InitDataDocument initData, InitDataBinding binding) {
        this.primary = Objects.requireNonNull(primary);
        this.devices = List.copyOf(devices);
        this.kbs = memoize(kbs);
        this.cocoAs = cocoAs;
        this.measurement = Objects.requireNonNull(measurement);
        this.initData = initData;
        this.initDataBinding = binding;
    }

    public Tee tee() {
        return primary.tee();
    }

    public List<String> additionalTees() {
        return devices.stream().map(d -> d.tee().wireName()).toList();
    }

    public Optional<InitDataDocument> initData() {
        return Optional.ofNullable(initData);
    }

    public Optional<InitDataBinding> initDataBinding() {
        return Optional.ofNullable(initDataBinding);
    }

    public RuntimeMeasurement measurement() {
        return measurement;
    }

    /** {@code GetEvidence}: the primary evidence for {@code runtimeData} used verbatim as report data. */
    public byte[] evidence(byte[] runtimeData) throws AttesterException {
        return Json.writeBytes(primary.evidence(runtimeData));
    }

    /**
     * {@code GetAdditionalEvidence}: {@code {"<tee>": evidence, ...}} over the devices, or zero bytes when there
     * are none (not {@code {}}, as upstream).
     */
    public byte[] additionalEvidence(byte[] runtimeData) throws AttesterException {
        if (devices.isEmpty()) {
            return new byte[0];
        }
        ObjectNode evidences = Json.MAPPER.createObjectNode();
        for (Attester device : devices) {
            evidences.set(device.tee().wireName(), device.evidence(runtimeData));
        }
        return Json.writeBytes(evidences);
    }

    /**
     * {@code GetToken}: for {@code kbs}, {@code {"token": <JWT>, "tee_keypair": <PEM private key>}} (the key the KBS
     * encrypts to, which a bearer-mode caller needs); for {@code coco_as}, the token text.
     */
    public byte[] token(String type) throws TokenException {
        switch (type) {
            case TOKEN_KBS -> {
                KbsClient client = kbs.get();
                try {
                    ObjectNode answer = Json.MAPPER.createObjectNode();
                    answer.put("token", client.usableToken());
                    answer.put("tee_keypair", client.keyPair().privateKeyPem());
                    return Json.writeBytes(answer);
                } catch (KbsException e) {
                    throw new TokenException(e.step().label() + " failed: " + e.getMessage(), e);
                }
            }
            case TOKEN_COCO_AS -> {
                if (cocoAs == null) {
                    throw new TokenException("no coco_as attestation service is configured", null);
                }
                try {
                    return cocoAs.token(primary).getBytes(StandardCharsets.UTF_8);
                } catch (CocoAsTokenClient.CocoAsException e) {
                    throw new TokenException(e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("token type '" + type + "' is not kbs or coco_as");
        }
    }

    /** {@code ExtendRuntimeMeasurement} (Trustee confidential-containers-eventlog.md). */
    public RuntimeMeasurement.Result extendRuntimeMeasurement(String domain, String operation, String content,
            Optional<Integer> pcr) throws MeasurementException {
        return measurement.extend(domain, operation, content, pcr);
    }

    /** CDH {@code GetResource}: the resource's plaintext, fetched from the KBS and decrypted with the TEE key. */
    public byte[] resource(ResourceUri uri) throws KbsException {
        return kbs.get().getResource(uri);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** A token could not be obtained; the message says which step failed and why. */
    public static final class TokenException extends Exception {
        public TokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
