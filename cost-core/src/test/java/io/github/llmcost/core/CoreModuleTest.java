package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * cost-core needs nothing at run time but the JDK: its module reads only {@code java.base} unconditionally; JSpecify
 * and Immutables are {@code requires static}, compile-time only. It exports its API to everyone and its internals to
 * the other llm-cost modules alone. (The Maven side, a run-time dependency closure of
 * JSpecify alone, is an enforcer rule in the parent POM.)
 */
class CoreModuleTest {

    @Test
    void runTimeRequiresAreJavaBaseAlone() throws IOException, URISyntaxException {
        // cost-core's own output (a directory or a jar), whether the tests run on the module path or the class path
        Path classes = Path.of(
                Flops.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (FileSystem jar = Files.isDirectory(classes) ? null : FileSystems.newFileSystem(classes);
                InputStream in = Files.newInputStream(
                        jar == null ? classes.resolve("module-info.class") : jar.getPath("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("io.github.llmcost.core");
        Set<String> runTime = descriptor.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertThat(runTime).containsExactly("java.base");
        Set<String> compileTime = descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertThat(compileTime).containsExactlyInAnyOrder("org.jspecify", "org.immutables.value");
        // the API to everyone; the internals to the other llm-cost modules only
        for (ModuleDescriptor.Exports export : descriptor.exports()) {
            if (export.isQualified()) {
                assertThat(export.source()).isEqualTo("io.github.llmcost.core.internal");
                assertThat(export.targets()).allMatch(target -> target.startsWith("io.github.llmcost."));
            } else {
                assertThat(export.source()).isEqualTo("io.github.llmcost.core");
            }
        }
    }
}
