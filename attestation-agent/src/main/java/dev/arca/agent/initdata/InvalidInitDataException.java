package dev.arca.agent.initdata;

/** An init-data document that is not one (Trustee initdata.md): not TOML, missing keys, unknown algorithm. */
public class InvalidInitDataException extends Exception {

    public InvalidInitDataException(String message) {
        super(message);
    }

    public InvalidInitDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
