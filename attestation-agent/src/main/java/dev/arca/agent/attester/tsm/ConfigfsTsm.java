package dev.arca.agent.attester.tsm;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.platform.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Linux configfs-tsm report interface (Linux ≥ 6.7; Linux configfs-tsm ABI), through which TDX quotes, SEV-SNP
 * reports and CCA tokens are obtained without a vendor ioctl: make a report object, write the report data to
 * {@code inblob}, read the hardware answer from {@code outblob} (and {@code auxblob}), check that nobody else wrote
 * to the object meanwhile ({@code generation}), remove the object.
 */
public final class ConfigfsTsm {

    /** Provider names the kernel reports in {@code provider} (without the trailing newline). */
    public static final String TDX = "tdx_guest";
    public static final String SEV = "sev_guest";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_BLOB = 1024 * 1024;

    private final HostFiles files;
    private final Path reportRoot;

    public ConfigfsTsm(HostFiles files, Path reportRoot) {
        this.files = files;
        this.reportRoot = reportRoot;
    }

    /**
     * @param outblob    the hardware quote, report or token
     * @param auxblob    supplemental data (SEV: the certificate table), empty when the provider gives none
     * @param provider   the provider that produced it
     * @param generation the write generation after this request
     */
    public record Report(byte[] outblob, byte[] auxblob, String provider, long generation) {
    }

    public boolean available() {
        return files.isDirectory(reportRoot);
    }

    /** The provider behind the interface (e.g. {@code tdx_guest}), or empty when there is no usable interface. */
    public Optional<String> provider() {
        if (!available()) {
            return Optional.empty();
        }
        Path entry = reportRoot.resolve(entryName());
        try {
            files.mkdir(entry);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(readText(entry.resolve("provider")));
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            removeQuietly(entry);
        }
    }

    /**
     * Requests one report. {@code privlevel} is written first when not null (SEV: the VMPL the report is for).
     *
     * @throws AttesterException when the interface is missing, the provider is not {@code expectedProvider}, a
     *                           file operation fails, or another writer raced this request
     */
    public Report request(String expectedProvider, byte[] inblob, Integer privlevel) throws AttesterException {
        if (inblob.length == 0) {
            throw new AttesterException("configfs-tsm needs non-empty report data");
        }
        if (!available()) {
            throw new AttesterException("configfs-tsm is not available: no " + reportRoot
                    + " (needs Linux 6.7 or later with configfs mounted)");
        }
        Path entry = reportRoot.resolve(entryName());
        try {
            files.mkdir(entry);
        } catch (IOException e) {
            throw new AttesterException("cannot create configfs-tsm report " + entry + ": " + reason(e), e);
        }
        try {
            String provider = readText(entry.resolve("provider"));
            if (!expectedProvider.equals(provider)) {
                throw new AttesterException("configfs-tsm provider is '" + provider + "', expected '"
                        + expectedProvider + "'");
            }
            long before = generation(entry);
            int writes = 0;
            if (privlevel != null) {
                files.write(entry.resolve("privlevel"),
                        Integer.toString(privlevel).getBytes(StandardCharsets.US_ASCII));
                writes++;
            }
            files.write(entry.resolve("inblob"), inblob);
            writes++;
            byte[] outblob = files.read(entry.resolve("outblob"), MAX_BLOB);
            byte[] auxblob = readOptional(entry.resolve("auxblob"));
            long after = generation(entry);
            // Every write to a request attribute advances the generation; more than ours means a concurrent writer
            // changed the request between our write and our read, so the outblob may not be for our inblob.
            if (after != before + writes) {
                throw new AttesterException("configfs-tsm report " + entry.getFileName() + " was modified by another"
                        + " writer (generation " + after + ", expected " + (before + writes) + ")");
            }
            if (outblob.length == 0) {
                throw new AttesterException("configfs-tsm returned an empty outblob");
            }
            return new Report(outblob, auxblob, provider, after);
        } catch (IOException e) {
            throw new AttesterException("configfs-tsm request failed: " + reason(e), e);
        } finally {
            removeQuietly(entry);
        }
    }

    private long generation(Path entry) throws IOException, AttesterException {
        String text = readText(entry.resolve("generation"));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AttesterException("configfs-tsm generation is not a number: '" + text + "'");
        }
    }

    private byte[] readOptional(Path path) throws IOException {
        try {
            return files.read(path, MAX_BLOB);
        } catch (NoSuchFileException absent) {
            return new byte[0];
        }
    }

    private String readText(Path path) throws IOException {
        return new String(files.read(path, 4096), StandardCharsets.US_ASCII).strip();
    }

    private void removeQuietly(Path entry) {
        try {
            files.rmdir(entry);
        } catch (IOException ignored) {
            // the kernel frees the object when its directory goes; a failed rmdir leaves only an empty entry
        }
    }

    private static String entryName() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "arca-" + HexFormat.of().formatHex(random);
    }

    private static String reason(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " " + e.getMessage();
    }
}
