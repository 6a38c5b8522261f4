package io.github.llmcost.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code llm-cost --version}: the project's version as the build wrote it into {@value #RESOURCE} (a resource Maven
 * filters with {@code ${project.version}}), so that it never has to be typed in again.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    /** The resource, at the root of the class path. */
    static final String RESOURCE = "llm-cost-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"llm-cost " + version()};
    }

    /**
     * {@return the project's version, such as {@code 0.1.0-SNAPSHOT}}
     *
     * @throws IllegalStateException if the resource is missing or was not filtered by the build
     */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        String version = properties.getProperty("version", "").trim();
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " holds no version (\"" + version + "\"): build with Maven");
        }
        return version;
    }
}
