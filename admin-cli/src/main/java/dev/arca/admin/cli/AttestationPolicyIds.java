package dev.arca.admin.cli;

/** Attestation policy ids as the attestation service accepts them, checked before they become part of a URL. */
final class AttestationPolicyIds {

    private AttestationPolicyIds() {
    }

    static String path(String id) throws AdminCommand.CommandFailure {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new AdminCommand.CommandFailure("invalid attestation policy id '" + id
                    + "': use [A-Za-z0-9._-], starting with a letter or digit, at most 128 characters");
        }
        return "/policy/" + id;
    }
}
