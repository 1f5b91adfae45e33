package com.example.shop;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
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
}
