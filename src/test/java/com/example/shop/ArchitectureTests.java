package com.example.shop;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

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
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.shared.ShopException;

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * stripe-java stays inside payments' gateway ({@code StripeGateway*}: the calls and the translation of
     * Stripe's objects into snapshots), its webhook translation ({@code StripeEventTranslator}: signatures and
     * events into facts) and its configuration ({@code StripeConfiguration}: the client); nested classes
     * included. Everything else, the rest of payments too, speaks in payments' own snapshots and facts.
     */
    @Test
    void stripeIsUsedOnlyByTheGatewayTheEventTranslatorAndTheConfiguration() {
        String allowed = Pattern.quote(BASE + ".payments.internal.")
                + "(StripeGateway\\w*|StripeEventTranslator|StripeConfiguration)(\\$.*)?";
        ArchRule rule = noClasses().that().haveNameNotMatching(allowed)
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .because("Stripe's types stay behind payments' gateway, so the rest speaks of payments' own snapshots");
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
                        BASE + ".pricing", BASE + ".integration", BASE + ".shared")
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
    void repositoriesFetchWithJoinsNotAdHocEntityGraphs() {
        ArchRule rule = methods().should().notBeAnnotatedWith(org.springframework.data.jpa.repository.EntityGraph.class)
                .because("Spring Data looks an ad-hoc graph up by name first and Hibernate answers with an exception, "
                        + "built with its stack trace on every call; a query says 'left join fetch' instead");
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

    @Test
    void exceptionsAreTranslatedToProblemsInOnePlaceOnly() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + ".shared.web")
                .should().beAnnotatedWith(RestControllerAdvice.class)
                .orShould().beMetaAnnotatedWith(ControllerAdvice.class)
                .because("a module adds exceptions, never a handler: one translator answers for all of them");
        rule.check(production);
        assertThat(production.stream().filter(c -> c.isMetaAnnotatedWith(ControllerAdvice.class))
                .map(JavaClass::getSimpleName)).containsExactly("ExceptionTranslator");
    }

    @Test
    void modulesFailWithShopExceptions() {
        ArchRule rule = classes().that().resideInAnyPackage(BASE + ".catalog..", BASE + ".cart..", BASE + ".orders..",
                        BASE + ".payments..", BASE + ".customers..", BASE + ".pricing..", BASE + ".integration..")
                .and().areAssignableTo(Throwable.class)
                .should().beAssignableTo(ShopException.class)
                .because("every module states its failures one way: type, status, detail and what else the answer"
                        + " carries");
        rule.check(production);
    }

    @Test
    void problemNamesTheAnswerNeverAnException() {
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("Problem")
                .or().haveSimpleNameEndingWith("Problems")
                .should().beAssignableTo(Throwable.class)
                .because("a problem is the RFC 9457 answer; what went wrong is an exception named in its module's"
                        + " language");
        rule.check(production);
    }

    @Test
    void nullnessIsDeclaredWithJSpecify() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.lang.Nullable")
                .because("packages are @NullMarked and name what may be null with org.jspecify's @Nullable");
        rule.check(production);
    }

    @Test
    void everyPackageIsNullMarked() {
        Set<String> packages = new TreeSet<>();
        production.forEach(c -> packages.add(c.getPackageName()));
        assertThat(packages).contains(BASE, BASE + ".shared.web");
        assertThat(packages).allSatisfy(name -> assertThat(production.getPackage(name).isAnnotatedWith(NullMarked.class))
                .as("package-info.java of %s is annotated @NullMarked", name).isTrue());
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
                BASE + ".customers", BASE + ".pricing", BASE + ".integration");
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
