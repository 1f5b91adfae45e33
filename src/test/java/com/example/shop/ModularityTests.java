package com.example.shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import org.springframework.modulith.docs.Documenter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The module structure is a rule, not a hope: these fail the build when a boundary is crossed. */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(ShopApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theBusinessModulesAndTheSharedKernelExist() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder("catalog", "cart", "orders", "payments", "customers", "pricing",
                        "notifications", "integration", "shared");
    }

    /**
     * The {@code modulith} Actuator endpoint serves this file when the jar has it, instead of computing the module
     * model with ArchUnit at start-up (which held the production jar's start for ~5 s and its model stayed in the
     * heap). It is checked in, so a jar built with {@code -DskipTests} has it too; this test keeps it current:
     * {@code ./mvnw test -Dtest=ModularityTests -Dshop.modules.write=true} rewrites it after a module change.
     */
    @Test
    void theModuleDescriptionInTheJarIsCurrent() throws IOException {
        String current = new ApplicationModulesExporter(modules).toJson();
        Path file = Path.of("src/main/resources", ApplicationModulesExporter.DEFAULT_LOCATION);
        boolean same = Files.exists(file) && canonical(Files.readString(file)).equals(canonical(current));
        if (!same && Boolean.getBoolean("shop.modules.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, current);
            same = true;
        }
        assertThat(same).as("%s is missing or out of date: run ./mvnw test -Dtest=ModularityTests "
                + "-Dshop.modules.write=true", file).isTrue();
    }

    /** The exporter lists a module's dependencies in no fixed order: compare them as sets. */
    private static Object canonical(String json) {
        return canonical(JsonMapper.shared().readTree(json));
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), canonical(field.getValue())));
            return fields;
        }
        if (node.isArray()) {
            return node.valueStream().map(ModularityTests::canonical).map(String::valueOf).sorted().toList();
        }
        return node.asString();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
