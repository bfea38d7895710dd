package dev.arca.admin.cli;

import dev.arca.admin.keys.AdminKeyException;
import dev.arca.admin.keys.AdminKeyStore;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;

/** {@code init}: create the admin key pair when absent, reuse it when present. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create DIR/admin/admin-key.pem and admin-pub.pem (P-256) unless they exist.")
final class InitCommand extends AdminCommand {

    @Override
    void execute() throws AdminKeyException {
        AdminKeyStore.InitResult result = new AdminKeyStore(global.dir).init();
        ObjectNode json = object();
        json.put("privateKey", result.privateKeyFile().toString());
        json.put("publicKey", result.publicKeyFile().toString());
        json.put("created", result.createdPrivateKey());
        String line = result.createdPrivateKey()
                ? "created admin key " + result.privateKeyFile() + " and public key " + result.publicKeyFile()
                : "reusing admin key " + result.privateKeyFile() + " and public key " + result.publicKeyFile()
                        + (result.createdPublicKey() ? " (public key re-derived)" : "");
        success(line, json);
    }
}
