package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterDetection;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options shared by the commands that talk to a KBS, and the client they configure. */
final class KbsOptions {

    @Option(names = "--kbs", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            converter = KbsUrlConverter.class, description = "KBS base URL (default: ${DEFAULT-VALUE}).")
    URI kbsUrl;

    @Option(names = "--key", paramLabel = "p256|p521|rsa", defaultValue = "p256",
            converter = KeyAlgorithmConverter.class,
            description = "TEE key type the KBS encrypts to (default: ${DEFAULT-VALUE}).")
    TeeKeyAlgorithm keyAlgorithm;

    @Option(names = "--init-data", paramLabel = "FILE",
            description = "Init-data TOML file sent with the evidence.")
    Path initData;

    @Option(names = "--verbose", description = "Show the protocol steps on stderr.")
    boolean verbose;

    @Option(names = "--json", description = "Print a JSON object instead of plain output.")
    boolean json;

    KbsClient client(PrintStream err, Map<String, String> environment) throws IOException {
        Attester primary = AttesterDetection.primary();
        var devices = AttesterDetection.additionalDevices(environment);
        if (verbose) {
            err.println("kbs: " + kbsUrl + ", tee " + primary.tee()
                    + (devices.isEmpty() ? "" : " + " + devices.stream().map(d -> d.tee().wireName())
                            .collect(Collectors.joining(", ")))
                    + ", key " + keyAlgorithm.configName());
            if (primary.tee() == Tee.SAMPLE) {
                err.println("warning: no TEE detected, using the sample attester (its evidence proves nothing)");
            }
        }
        KbsClient.Builder builder = KbsClient.builder(kbsUrl, primary)
                .additionalAttesters(devices)
                .keyAlgorithm(keyAlgorithm);
        if (initData != null) {
            try {
                builder.initData(Files.readString(initData, StandardCharsets.UTF_8));
            } catch (IOException e) {
                String reason = switch (e) {
                    case NoSuchFileException missing -> "no such file";
                    case CharacterCodingException notText -> "not UTF-8 text";
                    default -> e.getMessage();
                };
                throw new IOException("cannot read init-data file " + initData + ": " + reason, e);
            }
        }
        if (verbose) {
            builder.listener(new StepPrinter(err));
        }
        return builder.build();
    }

    static final class KbsUrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return uri;
                }
            } catch (Exception invalid) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not an http(s)://host[:port] URL");
        }
    }

    static final class KeyAlgorithmConverter implements ITypeConverter<TeeKeyAlgorithm> {
        @Override
        public TeeKeyAlgorithm convert(String value) {
            return TeeKeyAlgorithm.fromName(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not one of " + Arrays.stream(TeeKeyAlgorithm.values())
                            .map(TeeKeyAlgorithm::cliName).collect(Collectors.joining(", "))));
        }
    }
}
