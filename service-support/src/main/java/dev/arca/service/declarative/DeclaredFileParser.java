package dev.arca.service.declarative;

/**
 * Turns one declared file into what the service uses, with the validation its admin API applies to an upload.
 *
 * @param <T> the parsed value, e.g. a compiled policy's text
 */
@FunctionalInterface
public interface DeclaredFileParser<T> {

    /**
     * @param name the file's name, which is the id of what it declares
     * @param text the file's content (UTF-8)
     * @throws FileRefusedException when the file is not acceptable; the previous version of this id is kept
     */
    T parse(String name, String text) throws FileRefusedException;
}
