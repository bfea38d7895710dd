package dev.arca.agent.image;

/** An image could not be read, encrypted or decrypted; the message says which layer or file and why. */
public class ImageException extends Exception {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
