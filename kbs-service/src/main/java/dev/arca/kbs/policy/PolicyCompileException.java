package dev.arca.kbs.policy;

/** A resource policy that does not compile, with the compiler's message (safe to return to the admin). */
public class PolicyCompileException extends Exception {

    public PolicyCompileException(String message) {
        super(message);
    }
}
