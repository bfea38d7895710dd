package dev.arca.dcap.quote;

import java.util.Optional;

/** The quote header's tee_type u32 (Intel SGX ECDSA Quote Library API; TDX QGL/QVL API spec Appendix A). */
public enum TeeType {
    SGX(0x00000000L),
    TDX(0x00000081L);

    private final long code;

    TeeType(long code) {
        this.code = code;
    }

    public long code() {
        return code;
    }

    public static Optional<TeeType> fromCode(long code) {
        for (TeeType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
