package dev.arca.agent.attester.sgx;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intel SGX DCAP inside a library OS (guest-components SGX attester). Both LibOSes expose quote generation as
 * pseudo-files, so the agent writes the 64-byte report data and reads the quote back:
 * <ul>
 *   <li>Gramine: {@code /dev/attestation/user_report_data} and {@code /dev/attestation/quote}, detected by
 *       {@code /dev/attestation/attestation_type} reading {@code dcap};</li>
 *   <li>Occlum: {@code /dev/attestation_report_data} and {@code /dev/attestation_quote} (its devfs DCAP nodes),
 *       detected by the {@code OCCLUM} environment variable as upstream does.</li>
 * </ul>
 * Evidence: {@code {"quote": <b64 SGX quote>}}. No init-data binding, no runtime measurement.
 */
public final class SgxAttester implements Attester {

    public static final String OCCLUM_ENV = "OCCLUM";
    static final int REPORT_DATA_BYTES = 64;
    private static final int MAX_QUOTE = 64 * 1024;

    /** Which LibOS provides the quote files. */
    public enum LibOs {
        GRAMINE, OCCLUM
    }

    private final Platform platform;
    private final LibOs libOs;

    public SgxAttester(Platform platform, LibOs libOs) {
        this.platform = platform;
        this.libOs = libOs;
    }

    /** Occlum when {@code OCCLUM} is set, Gramine when its attestation type is {@code dcap}, else none. */
    public static Optional<LibOs> detect(Platform platform) {
        if (platform.env(OCCLUM_ENV) != null) {
            return Optional.of(LibOs.OCCLUM);
        }
        Path type = platform.paths().gramineAttestation().resolve("attestation_type");
        try {
            if (platform.files().exists(type)
                    && "dcap".equals(new String(platform.files().read(type, 64), StandardCharsets.US_ASCII).strip())) {
                return Optional.of(LibOs.GRAMINE);
            }
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public LibOs libOs() {
        return libOs;
    }

    @Override
    public Tee tee() {
        return Tee.SGX;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        InvalidReportDataException.requireAtMost("SGX", reportData, REPORT_DATA_BYTES);
        Path dev = platform.paths().dev();
        Path userData = libOs == LibOs.GRAMINE ? dev.resolve("attestation/user_report_data")
                : dev.resolve("attestation_report_data");
        Path quoteFile = libOs == LibOs.GRAMINE ? dev.resolve("attestation/quote") : dev.resolve("attestation_quote");
        byte[] quote;
        try {
            platform.files().write(userData, ReportData.regularize(reportData, REPORT_DATA_BYTES));
            quote = platform.files().read(quoteFile, MAX_QUOTE);
        } catch (IOException e) {
            throw new AttesterException(libOs.name().toLowerCase(Locale.ROOT) + " SGX quote generation"
                    + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        if (quote.length == 0) {
            throw new AttesterException("the LibOS returned an empty SGX quote");
        }
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("quote", Base64s.std(quote));
        return evidence;
    }
}
