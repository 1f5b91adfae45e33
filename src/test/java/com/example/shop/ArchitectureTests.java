package com.example.shop;

import java.util.Set;
import java.util.UUID;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules Spring Modulith does not check on its own. */
class ArchitectureTests {

    static final String BASE = "com.example.shop";
    static final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void stripeIsUsedOnlyInsidePayments() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + ".payments..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .because("payments is the only module that knows Stripe");
        rule.check(production);
    }

    @Test
    void webPackagesDoNotUsePersistenceTypes() {
        ArchRule rule = noClasses().that().resideInAPackage(BASE + "..web..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..")
                .because("controllers speak in records, not entities");
        rule.check(production);
    }

    @Test
    void moduleApisDoNotExposePersistenceTypes() {
        ArchRule rule = noClasses().that().resideInAnyPackage(
                        BASE + ".catalog", BASE + ".cart", BASE + ".orders", BASE + ".payments", BASE + ".customers",
                        BASE + ".shared")
                .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..")
                .because("a module's API is ids, records and events, never entities");
        rule.check(production);
    }

    @Test
    void entitiesAreNotPublic() {
        ArchRule rule = classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .or().areAnnotatedWith(jakarta.persistence.Embeddable.class)
                .should().notBePublic()
                .because("entities stay inside their module");
        rule.check(production);
    }

    @Test
    void repositoriesAreNotPublic() {
        ArchRule rule = classes().that().areAssignableTo(org.springframework.data.repository.Repository.class)
                .should().notBePublic()
                .because("a module's tables are reached only through the module");
        rule.check(production);
    }

    @Test
    void noFieldInjection() {
        ArchRule rule = fields().should().notBeAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class)
                .andShould().notBeAnnotatedWith(org.springframework.beans.factory.annotation.Value.class)
                .andShould().notBeAnnotatedWith("jakarta.inject.Inject")
                .andShould().notBeAnnotatedWith("jakarta.annotation.Resource")
                .andShould().notBeAnnotatedWith("jakarta.persistence.PersistenceContext")
                .because("dependencies come through constructors");
        rule.check(production);
    }

    /**
     * A module's API and its application services speak in typed ids ({@code OrderId}, {@code CartId},
     * {@code ProductId}, ...): a raw UUID says nothing about what it identifies, so one is easily passed for
     * another. Also inside a type argument ({@code Optional<UUID>}, {@code Collection<UUID>}). Constructors are
     * not methods: the id records themselves wrap a UUID.
     */
    @Test
    void moduleApisAndApplicationServicesTakeTypedIdsNotUuids() {
        ArchRule rule = methods().that().arePublic()
                .and().areDeclaredInClassesThat(moduleApiOrApplicationService())
                .should(notTakeAUuid())
                .because("ids at module boundaries and in use cases say what they identify");
        rule.check(production);
    }

    private static DescribedPredicate<JavaClass> moduleApiOrApplicationService() {
        Set<String> apis = Set.of(BASE + ".catalog", BASE + ".cart", BASE + ".orders", BASE + ".payments",
                BASE + ".customers");
        return DescribedPredicate.describe("are in a module's API package or are application services (*Service in internal)",
                type -> apis.contains(type.getPackageName())
                        || (type.getSimpleName().endsWith("Service") && type.getPackageName().contains(".internal")));
    }

    private static ArchCondition<JavaMethod> notTakeAUuid() {
        return new ArchCondition<>("not take a java.util.UUID parameter") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaType parameter : method.getParameterTypes()) {
                    if (parameter.getAllInvolvedRawTypes().stream().anyMatch(type -> type.isEquivalentTo(UUID.class))) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " takes " + parameter.getName()));
                    }
                }
            }
        };
    }
}
