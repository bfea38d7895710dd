package dev.arca.model.resource;

/** A resource path or URI that breaks the rules of guest-components RESOURCE_URI.md; Trustee resource_repository.md. */
public class InvalidResourcePathException extends IllegalArgumentException {

    public InvalidResourcePathException(String message) {
        super(message);
    }
}
