package dev.arca.model.as;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Exactly one of an init-data digest (base64url) or the init-data TOML text (Trustee initdata.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitDataInput(
        @JsonProperty("init_data_digest") String digest,
        @JsonProperty("init_data_toml") String toml) {

    public static InitDataInput toml(String text) {
        return new InitDataInput(null, text);
    }

    public boolean isExactlyOne() {
        return (digest != null) != (toml != null);
    }
}
