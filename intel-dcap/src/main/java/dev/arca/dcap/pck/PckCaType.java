package dev.arca.dcap.pck;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Intel CA issued the PCK certificate. It picks the PCK CRL ({@code ca=platform|processor}, Intel PCS API
 * v4) and says whether PlatformInstanceID/Configuration are present (Platform CA only, Intel SGX PCK Certificate and
 * CRL Profile Specification).
 */
public enum PckCaType {
    PLATFORM("Intel SGX PCK Platform CA"),
    PROCESSOR("Intel SGX PCK Processor CA");

    private final String commonName;

    PckCaType(String commonName) {
        this.commonName = commonName;
    }

    public String commonName() {
        return commonName;
    }

    /** The {@code ca} query value of the PCS PCK CRL endpoint. */
    public String queryValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PckCaType> fromCommonName(String cn) {
        for (PckCaType type : values()) {
            if (type.commonName.equals(cn)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
