package dev.arca.kbs.upstream;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;

/** The AS or RVPS could not be reached, timed out, or failed on its side: a 503, the caller may retry later. */
public class UpstreamUnavailableException extends KbsException {

    public UpstreamUnavailableException(String detail, Throwable cause) {
        super(KbsErrorType.UpstreamUnavailable, detail, cause);
    }
}
