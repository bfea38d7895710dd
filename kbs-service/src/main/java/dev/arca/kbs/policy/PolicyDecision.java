package dev.arca.kbs.policy;

/**
 * The outcome of the resource policy for one request: whether it releases, which policy decided (null when no policy
 * is bound to the request), and why, in words fit for the audit record.
 */
public record PolicyDecision(boolean allowed, String policyId, String reason) {
}
