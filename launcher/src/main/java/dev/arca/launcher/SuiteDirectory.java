package dev.arca.launcher;

import dev.arca.launcher.suite.LaunchFailure;
import dev.arca.launcher.suite.SuiteLayout;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The --dir of {@code up} and {@code status}: must be a directory, or a path where one can be made. */
final class SuiteDirectory {

    private SuiteDirectory() {
    }

    static SuiteLayout require(Path dir, boolean create) throws LaunchFailure {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LaunchFailure.usage("--dir " + dir + " is a file, not a directory: give a directory (it is created"
                    + " when missing), e.g. --dir .arca");
        }
        if (create) {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException e) {
                throw LaunchFailure.usage("--dir " + dir + ": " + e.getFile() + " is a file: give a directory");
            } catch (IOException e) {
                throw LaunchFailure.failure("cannot create --dir " + dir + " (" + e.getMessage()
                        + "): choose a directory you can write to", e);
            }
        }
        return new SuiteLayout(dir);
    }

    /** How to repeat --dir in a hint: nothing for the default, else the path as the user gave it. */
    static String option(Path given) {
        if (given.toAbsolutePath().normalize().equals(Path.of(".arca").toAbsolutePath().normalize())) {
            return "";
        }
        String text = given.toString();
        return " --dir " + (text.matches("[A-Za-z0-9_./-]+") ? text : "'" + text.replace("'", "'\\''") + "'");
    }
}
