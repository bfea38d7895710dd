package dev.arca.rego.value;

/** JSON null. */
public record NullValue() implements Value {
    public static final NullValue NULL = new NullValue();

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public String toString() {
        return "null";
    }
}
