package dev.arca.service.problem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a request body could not be read, in the caller's terms: where the JSON broke, which member had the wrong type
 * or was unknown, which limit it passed. Jackson's own messages name Java types and library methods, so they never
 * reach a response.
 */
public final class BodyErrors {

    private BodyErrors() {
    }

    /** A description of the first JSON error in {@code failure}'s causes, or a generic one. */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return describe(jackson);
            }
        }
        return "the request body is missing or not readable";
    }

    /**
     * A framework's detail, unless it names internals (Java types, packages, method signatures), in which case the
     * status's own words.
     */
    public static String safeDetail(String detail, int status) {
        if (detail == null || INTERNALS.matcher(detail).find()) {
            org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
            return known == null ? "request refused" : known.getReasonPhrase();
        }
        return detail;
    }

    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|dev\\.arca|tools\\.jackson|com\\.fasterxml|org\\.springframework|\\w+\\(\\)"
                    + "|\\bpublic |\\bprivate |Exception\\b|\\$");

    /** Jackson's words for a repeated object member (strict duplicate detection), the one reason worth keeping. */
    private static final java.util.regex.Pattern DUPLICATE =
            java.util.regex.Pattern.compile("^Duplicate [A-Za-z ]*property \"([^\"]{0,64})\"");

    private static String describe(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "the JSON body exceeds a limit (nesting depth, number or string length)";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown member '" + unknown.getPropertyName() + "'" + at(e);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String member = path(e);
            Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            if (member.isEmpty()) {
                return target == null ? "the JSON body does not have the expected shape" + at(e)
                        : "the JSON body must be " + jsonKind(target);
            }
            return target == null || e instanceof InvalidFormatException
                    ? "member '" + member + "' has the wrong type or value"
                    : "member '" + member + "' must be " + jsonKind(target);
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return "the JSON ends before it is complete (unexpected end-of-input)" + at(e);
        }
        if (e instanceof StreamReadException) {
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            return duplicate.find() ? "duplicate member '" + duplicate.group(1) + "'" + at(e) : "malformed JSON" + at(e);
        }
        if (e instanceof DatabindException) {
            String member = path(e);
            return member.isEmpty() ? "the JSON body does not have the expected shape"
                    : "member '" + member + "' is invalid";
        }
        return "malformed JSON" + at(e);
    }

    /** The JSON kind a Java target type reads from, in words. */
    private static String jsonKind(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        } else if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        } else if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
