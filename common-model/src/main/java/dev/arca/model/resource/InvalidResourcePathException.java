package dev.arca.model.resource;

/** A resource path or URI that breaks the rules of specs/kbs.md §4.1–§4.2. */
public class InvalidResourcePathException extends IllegalArgumentException {

    public InvalidResourcePathException(String message) {
        super(message);
    }
}
