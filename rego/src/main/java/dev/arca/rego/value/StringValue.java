package dev.arca.rego.value;

/** A string. */
public record StringValue(String value) implements Value {
    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
