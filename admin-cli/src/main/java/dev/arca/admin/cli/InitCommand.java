package dev.arca.admin.cli;

import dev.arca.admin.keys.AdminKeyException;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.model.caller.CallerKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code init}: create the admin key pair when absent, reuse it when present; likewise the caller keys the KBS and the
 * AS sign their service-to-service calls with (docs/security.md "Callers of internal APIs"), for deployments that mount
 * them from DIR (the compose file).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create DIR/admin/admin-key.pem and admin-pub.pem (P-256) unless they exist, and the caller keys "
                + "DIR/callers/kbs/key.pem and DIR/callers/attestation-service/key.pem (each with key.pem.pub).")
final class InitCommand extends AdminCommand {

    /** The services that call another one: each has a caller key (docs/security.md). */
    private static final List<String> CALLERS = List.of("kbs", "attestation-service");

    @Override
    void execute() throws AdminKeyException {
        AdminKeyStore.InitResult result = new AdminKeyStore(global.dir).init();
        for (String caller : CALLERS) {
            try {
                CallerKeyFile.loadOrCreate(callerKey(caller));
            } catch (IOException | IllegalArgumentException e) {
                throw new AdminKeyException("cannot create or read the caller key " + callerKey(caller) + ": "
                        + e.getMessage());
            }
        }
        ObjectNode json = object();
        json.put("privateKey", result.privateKeyFile().toString());
        json.put("publicKey", result.publicKeyFile().toString());
        json.put("created", result.createdPrivateKey());
        ObjectNode callers = json.putObject("callerKeys");
        for (String caller : CALLERS) {
            callers.put(caller, callerKey(caller).toString());
        }
        String line = result.createdPrivateKey()
                ? "created admin key " + result.privateKeyFile() + " and public key " + result.publicKeyFile()
                : "reusing admin key " + result.privateKeyFile() + " and public key " + result.publicKeyFile()
                        + (result.createdPublicKey() ? " (public key re-derived)" : "");
        success(line + "; caller keys in " + global.dir.resolve("callers"), json);
    }

    private Path callerKey(String caller) {
        return global.dir.resolve("callers").resolve(caller).resolve("key.pem");
    }
}
