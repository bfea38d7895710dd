package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.resource.ResourcePath;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code set-resource REPO/TYPE/TAG --file F}: POST the file's bytes as the resource. */
@Command(name = "set-resource", aliases = "put-resource", mixinStandardHelpOptions = true, description = "Store a secret in the KBS.")
final class SetResourceCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "REPO/TYPE/TAG", converter = ResourcePathConverter.class)
    ResourcePath path;

    @Option(names = "--file", paramLabel = "FILE", required = true, description = "File with the secret bytes; - reads standard input.")
    Path file;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        byte[] secret = readBytes(file);
        AdminResponse response = kbs().post("/kbs/v0/resource/" + path, "application/octet-stream", secret);
        ObjectNode json = object();
        json.put("resource", path.toString());
        json.put("bytes", secret.length);
        json.put("status", response.status());
        success("resource " + path + " set (" + secret.length + " bytes)", json);
    }
}
