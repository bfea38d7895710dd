package dev.arca.admin.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every command takes. */
final class GlobalOptions {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".arca",
            description = "Arca directory holding admin/admin-key.pem and admin/admin-pub.pem (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--kbs", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            converter = KbsUrlConverter.class, description = "KBS base URL (default: ${DEFAULT-VALUE}).")
    URI kbs;

    @Option(names = "--json", description = "Print the result as a JSON object.")
    boolean json;

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
}
