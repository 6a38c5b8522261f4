package io.github.llmcost.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of the files the command line reads and writes, and one-line descriptions of I/O failures that name the file
 * and the problem, never a Java class name.
 */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * Checks, before anything is drawn, that a chart can be written to a file.
     *
     * @param option the option that named the file, as the user typed it
     * @param file the file
     * @return {@code "svg"} or {@code "png"}, by the file's extension
     * @throws IllegalArgumentException naming the option and the file: the extension is neither, the file is a
     *     directory or not writable, or its directory does not exist or is not writable
     */
    static String checkWritable(String option, Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        String format;
        if (lower.endsWith(".svg")) {
            format = "svg";
        } else if (lower.endsWith(".png")) {
            format = "png";
        } else {
            throw new IllegalArgumentException(option + " (" + file + ") must end in .png or .svg");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " (" + file + ") is a directory, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            if (!Files.exists(parent)) {
                throw new IllegalArgumentException(
                        option + " (" + file + "): the directory " + parent + " does not exist");
            }
            if (!Files.isDirectory(parent)) {
                throw new IllegalArgumentException(option + " (" + file + "): " + parent + " is not a directory");
            }
            if (!Files.isWritable(parent)) {
                throw new IllegalArgumentException(
                        option + " (" + file + "): the directory " + parent + " is not writable");
            }
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " (" + file + ") exists and is not writable");
        }
        return format;
    }

    /**
     * Describes an I/O failure in words, without its class name.
     *
     * @param e the failure
     * @return for example {@code "/a/b: no such file or directory"}
     */
    static String describe(IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            problem = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            problem = "not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            problem = String.valueOf(f.getReason());
        } else {
            return oneLine(e.getMessage(), "an input or output error");
        }
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null ? problem : file + ": " + problem;
    }

    /**
     * A message on one line.
     *
     * @param message the message, perhaps null or on several lines
     * @param otherwise what to say if there is no message
     * @return the message with line breaks replaced by spaces, or {@code otherwise}
     */
    static String oneLine(@org.jspecify.annotations.Nullable String message, String otherwise) {
        if (message == null || message.isBlank()) {
            return otherwise;
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
