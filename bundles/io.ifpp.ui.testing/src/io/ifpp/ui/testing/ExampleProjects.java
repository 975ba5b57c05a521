package io.ifpp.ui.testing;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;

/** Workspace projects holding the repository's examples, as a person would import them. */
public final class ExampleProjects {

    /** The repository's {@code examples/} folder, seen from a test bundle's folder (where tycho-surefire runs). */
    public static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    private ExampleProjects() {
    }

    /** The open project {@code name} with copies of the example folders {@code folders} (files already there stay). */
    public static IProject withExamples(String name, String... folders) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        for (String folder : folders) {
            IFolder target = project.getFolder(folder);
            if (!target.exists()) {
                target.create(true, true, null);
            }
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(folder))) {
                for (Path file : files.toList()) {
                    IFile copy = target.getFile(file.getFileName().toString());
                    if (!copy.exists()) {
                        copy.create(new ByteArrayInputStream(Files.readAllBytes(file)), true, null);
                    }
                }
            }
        }
        return project;
    }
}
