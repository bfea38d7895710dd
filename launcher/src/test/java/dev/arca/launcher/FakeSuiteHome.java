package dev.arca.launcher;

import dev.arca.launcher.suite.ServiceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A repository root whose three service jars are {@link FakeService}, laid out where ServiceJars looks. */
final class FakeSuiteHome {

    private FakeSuiteHome() {
    }

    static Path create(Path root) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        for (ServiceKind kind : ServiceKind.values()) {
            Path jar = root.resolve(kind.module()).resolve("target").resolve(kind.module() + "-exec.jar");
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest);
                    InputStream classBytes = FakeService.class.getResourceAsStream("/" + entry)) {
                out.putNextEntry(new JarEntry(entry));
                classBytes.transferTo(out);
                out.closeEntry();
            }
        }
        return root;
    }
}
