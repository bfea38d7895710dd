package dev.arca.snp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One certificate of an extended report's certificate table (GHCB spec "SNP extended guest request"; the sev crate's
 * {@code CertTableEntry}): its type by GUID and its bytes (DER).
 */
public record CertTableEntry(Type type, byte[] data) {

    /** The certificate types AMD defines GUIDs for; anything else is OTHER and ignored. */
    public enum Type {
        ARK, ASK, VCEK, VLEK, CRL, OTHER;

        /** The sev crate's serde names: "ARK", "ASK", "VCEK", "VLEK", "CRL"; others are OTHER. */
        public static Type fromName(String name) {
            try {
                Type type = valueOf(name.trim().toUpperCase(Locale.ROOT));
                return type;
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    public CertTableEntry {
        Objects.requireNonNull(type, "type");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertTableEntry that && type == that.type && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type + "[" + data.length + " bytes]";
    }
}
