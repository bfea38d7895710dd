package dev.arca.agent.kbs;

import dev.arca.model.error.ErrorInformation;

/**
 * The KBS has no resource at the requested path (HTTP 404; fatal, no re-attestation: guest-components kbs_protocol).
 */
public class ResourceNotFoundException extends KbsException {

    public ResourceNotFoundException(String reason, ErrorInformation problem) {
        super(KbsStep.RESOURCE, reason, 404, problem, null);
    }
}
