package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module map of decision 0026, checked on the compiled classes: no module depends on another
 * in a cycle, and a module uses only another module's top package or a sub-package it exposes as a
 * named interface. The generated documentation in docs/modules is rewritten from the same model so
 * the committed diagrams cannot drift from the code.
 */
class ModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(LoaXaApplication.class);
    static final Path DOCS = Path.of("docs/modules");

    @Test
    void modulesHaveNoCyclesAndUseOnlyWhatOthersExpose() {
        MODULES.verify();
    }

    @Test
    void consoleIsTheTopAndBaseTheFloor() {
        // The console reads every feature and nothing reads it; base and audio stand on nothing of ours.
        var console = MODULES.getModuleByName("console").orElseThrow();
        var base = MODULES.getModuleByName("base").orElseThrow();
        MODULES.forEach(module -> assertThat(module.getDirectDependencies(MODULES).uniqueModules().toList())
                .as("%s must not depend on the console", module.getIdentifier())
                .doesNotContain(console));
        assertThat(console.getDirectDependencies(MODULES).uniqueModules().toList())
                .as("the console reads the features")
                .contains(MODULES.getModuleByName("playout").orElseThrow(),
                        MODULES.getModuleByName("airlog").orElseThrow());
        assertThat(base.getDirectDependencies(MODULES).uniqueModules().toList())
                .as("base depends on nothing of ours")
                .isEmpty();
        assertThat(MODULES.getModuleByName("audio").orElseThrow().getDirectDependencies(MODULES).uniqueModules()
                .toList())
                .as("audio (decoding and the output line) depends on nothing of ours")
                .isEmpty();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        Files.createDirectories(DOCS);
        // Only what the documenter generates is replaced; the folder's README stays.
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(ModulesTest::generated).toList()) {
                Files.delete(file);
            }
        }
        new Documenter(MODULES, Documenter.Options.defaults().withoutClean().withOutputFolder(DOCS.toString()))
                .writeDocumentation();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                stableOrder(file);
            }
        }
        assertThat(DOCS.resolve("components.puml")).isNotEmptyFile();
        MODULES.forEach(module -> assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".puml"))
                .isNotEmptyFile());
        MODULES.forEach(module -> assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".adoc"))
                .isNotEmptyFile());
    }

    /**
     * The documenter lists a diagram's components and relations in hash order, which differs from
     * run to run; sorted, the committed diagrams change only when the map does. Their order means
     * nothing to PlantUML beyond the layout.
     */
    private static void stableOrder(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : lines) {
            String kind = line.startsWith("Rel(") ? "rel" : line.strip().startsWith("Component(") ? "component" : null;
            if (kind == null || !kind.equals(runKind)) {
                Collections.sort(run);
                out.addAll(run);
                run.clear();
            }
            runKind = kind;
            if (kind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        Collections.sort(run);
        out.addAll(run);
        Files.write(file, out);
    }

    private static boolean generated(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".puml") || name.endsWith(".adoc") || name.endsWith(".json");
    }
}
