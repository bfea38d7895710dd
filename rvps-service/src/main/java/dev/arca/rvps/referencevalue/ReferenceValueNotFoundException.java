package dev.arca.rvps.referencevalue;

/** No unexpired reference value of that name (answered 404). */
public class ReferenceValueNotFoundException extends RuntimeException {

    public ReferenceValueNotFoundException(String name) {
        super("no reference value named \"" + name + "\" (absent or expired)");
    }
}
