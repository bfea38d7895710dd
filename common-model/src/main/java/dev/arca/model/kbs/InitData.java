package dev.arca.model.kbs;

/**
 * Init-data as the guest sends it: only {@code format = "toml"} is meaningful (Trustee kbs_attestation_protocol.md).
 */
public record InitData(String format, String body) {

    public static final String TOML = "toml";
}
