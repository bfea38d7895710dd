package dev.arca.admin.cli;

/** Resource policy ids as the KBS accepts them, checked before they become part of a URL. */
final class PolicyIds {

    static final String UPSTREAM = "resource-policy";

    private PolicyIds() {
    }

    static String require(String id) throws AdminCommand.CommandFailure {
        if (id == null || !id.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}")) {
            throw new AdminCommand.CommandFailure("invalid policy id '" + id
                    + "': use [A-Za-z0-9_.-], not starting with '.', at most 64 characters");
        }
        return id;
    }

    static String path(String id) {
        return "/kbs/v0/admin/resource-policies/" + id;
    }
}
