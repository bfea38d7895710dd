package dev.arca.csv.kds;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Certificates from a folder, for an AS without network access: {@code hrk.cert} and
 * {@code hsk_cek/<chip id>/hsk_cek.cert}, the layout of Trustee's {@code /opt/hygon/csv} (Trustee csv verifier
 * {@code try_load_hskcek_offline}), so a copy of that folder can be used as it is.
 */
public final class OfflineHygonCertificates implements HygonCertificateSource {

    /** The largest file read: an HSK and a CEK are 2916 bytes. */
    private static final long MAX_FILE = 64 * 1024;

    private final Path folder;

    public OfflineHygonCertificates(Path folder) {
        this.folder = folder;
    }

    @Override
    public byte[] hrk() throws CsvVerificationException {
        return read(folder.resolve("hrk.cert"));
    }

    @Override
    public byte[] hskCek(String chipId) throws CsvVerificationException {
        if (chipId == null || !chipId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw CsvVerificationException.format("the chip id must be 1 to 64 letters, digits, '-' or '_'");
        }
        return read(folder.resolve("hsk_cek").resolve(chipId).resolve("hsk_cek.cert"));
    }

    private static byte[] read(Path file) throws CsvVerificationException {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, file + " is larger than "
                        + MAX_FILE + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CsvVerificationException.unknownToSource("no " + file + " in the offline folder");
        } catch (IOException e) {
            throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, file + " is unreadable ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
