package dev.arca.model.kbs;

/** Init-data as the guest sends it: only {@code format = "toml"} is meaningful (specs/kbs.md §2.3). */
public record InitData(String format, String body) {

    public static final String TOML = "toml";
}
