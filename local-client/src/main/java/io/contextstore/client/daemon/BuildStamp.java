package io.contextstore.client.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a class path as they were when the daemon started (size, modification time, inode): a rebuild
 * ({@code build-launcher.sh} replaces every jar) changes it, and the daemon then stops rather than answer with old code.
 */
record BuildStamp(List<String> files) {

    static BuildStamp of(String classpath) {
        List<String> files = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                files.add(entry + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " "
                        + attributes.fileKey());
            } catch (IOException e) {
                files.add(entry + " absent");
            }
        }
        return new BuildStamp(List.copyOf(files));
    }
}
