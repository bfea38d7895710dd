package dev.arca.admin.cli;

import dev.arca.admin.image.EncryptionKeyProvider;
import dev.arca.admin.image.KbsKekRegistry;
import dev.arca.admin.image.KekStore;
import dev.arca.admin.image.KeyProviderGrpcServer;
import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.image.KeyProviderInput;
import java.io.IOException;
import java.net.InetSocketAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code image-keyprovider}: the tenant's ocicrypt encryption key provider (docs/images.md). Cmd mode (default):
 * one {@code KeyProviderKeyWrapProtocolInput} on stdin, the output on stdout — configure ocicrypt with
 * {@code {"key-providers": {"attestation-agent": {"cmd": {"path": "arca", "args": ["admin", "image-keyprovider"]}}}}}.
 * With {@code --grpc HOST:PORT}: serves {@code keyprovider.KeyProviderService} until stopped.
 */
@Command(name = "image-keyprovider", mixinStandardHelpOptions = true,
        description = "ocicrypt encryption key provider (keywrap): keeps the key-encryption key in the KBS at the "
                + "keyid you choose and wraps each layer's key under it. Cmd mode reads stdin; --grpc serves.")
final class ImageKeyProviderCommand extends AdminCommand {

    @Option(names = "--grpc", paramLabel = "HOST:PORT", description = "Serve ocicrypt's gRPC key-provider service "
            + "on HOST:PORT (e.g. 127.0.0.1:50000) instead of answering one request from standard input.")
    String grpc;

    @Option(names = "--allow-remote", description = "Let --grpc listen on an address other than loopback. Whoever "
            + "reaches the port can have keys stored in the KBS under new keyids with your admin credential.")
    boolean allowRemote;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        EncryptionKeyProvider provider = new EncryptionKeyProvider(new KekStore(global.dir),
                new KbsKekRegistry(kbs()));
        if (grpc != null) {
            serve(provider);
            return;
        }
        try {
            byte[] input = cli.in().readNBytes(KeyProviderInput.MAX_BYTES + 1);
            cli.out().write(provider.handle(input));
            cli.out().flush();
        } catch (IOException e) {
            throw new CommandFailure("cannot read standard input: " + e.getMessage());
        } catch (KeyProviderException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private void serve(EncryptionKeyProvider provider) throws CommandFailure {
        int colon = grpc.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(grpc.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new CommandFailure("--grpc " + grpc + " is not HOST:PORT");
        }
        String host = colon <= 0 ? "127.0.0.1" : grpc.substring(0, colon);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new CommandFailure("--grpc " + grpc + ": cannot resolve " + host);
        }
        if (!address.getAddress().isLoopbackAddress() && !allowRemote) {
            throw new CommandFailure("--grpc " + grpc + " is not a loopback address: the key provider answers whoever "
                    + "reaches it (with your admin credential behind it); use 127.0.0.1, or add --allow-remote");
        }
        try (KeyProviderGrpcServer server = KeyProviderGrpcServer.start(address, provider)) {
            cli.err().println("image-keyprovider: serving keyprovider.KeyProviderService on " + host + ":"
                    + server.port() + " (Ctrl-C stops)");
            cli.err().flush();
            server.awaitTermination();
        } catch (IOException e) {
            throw new CommandFailure("cannot listen on " + grpc + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
