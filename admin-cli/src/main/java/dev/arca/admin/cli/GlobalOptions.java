package dev.arca.admin.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every command takes; several can come from the environment (see {@link Environment}). */
final class GlobalOptions {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".arca",
            description = "Arca directory holding admin/admin-key.pem and admin/admin-pub.pem "
                    + "(env ARCA_DIR, default: .arca).")
    Path dir;

    @Option(names = "--kbs", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            converter = UrlConverter.class, description = "KBS base URL (env ARCA_KBS_URL, default: "
                    + "http://127.0.0.1:8080).")
    URI kbs;

    @Option(names = "--as", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            converter = UrlConverter.class, description = "Attestation service base URL, for reading and deleting "
                    + "attestation policies (env ARCA_AS_URL, default: http://127.0.0.1:8081).")
    URI attestationService;

    @Option(names = "--rvps", paramLabel = "URL", defaultValue = "http://127.0.0.1:8082",
            converter = UrlConverter.class, description = "RVPS base URL, for reading and deleting reference values "
                    + "(env ARCA_RVPS_URL, default: http://127.0.0.1:8082).")
    URI rvps;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Send the bearer token in FILE (one made "
            + "elsewhere, e.g. by an identity provider) instead of signing one with the admin key. The token itself "
            + "can also come from env ARCA_TOKEN.")
    Path tokenFile;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "admin", description = "Role claim of the tokens "
            + "signed with the admin key (default: admin); the KBS's arca.admin.acl says what each role may call.")
    String role;

    @Option(names = "--kbs-cert", paramLabel = "PEM", description = "CA certificate(s) to trust for https:// URLs "
            + "(a private CA or a self-signed KBS); with it, only these are trusted (env ARCA_KBS_CERT).")
    Path kbsCert;

    @Option(names = "--json", description = "Print the result, and any error, as a JSON object.")
    boolean json;

    /** Fills option defaults from the environment variables named in their descriptions. */
    record Environment(Map<String, String> variables) implements IDefaultValueProvider {

        private static final Map<String, String> BY_OPTION = Map.of("--dir", "ARCA_DIR", "--kbs", "ARCA_KBS_URL",
                "--as", "ARCA_AS_URL", "--rvps", "ARCA_RVPS_URL", "--kbs-cert", "ARCA_KBS_CERT");

        @Override
        public String defaultValue(ArgSpec argument) {
            if (argument instanceof OptionSpec option && BY_OPTION.containsKey(option.longestName())) {
                String value = variables.get(BY_OPTION.get(option.longestName()));
                return value == null || value.isBlank() ? null : value;
            }
            return null;
        }
    }

    static final class UrlConverter implements ITypeConverter<URI> {
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
}
