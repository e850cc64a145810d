package io.airspeed.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Each concern lives where its name says, and every endpoint declares who may call it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.airspeed.ingest");

    @Test
    void classesLiveInThePackageTheirRoleNames() {
        classes().that().haveSimpleNameEndingWith("Resource").should().resideInAPackage("..rest..").check(CLASSES);
        classes().that().haveSimpleNameEndingWith("Repository").should().resideInAPackage("..repository..").check(CLASSES);
        classes().that().haveSimpleNameEndingWith("Service").should().resideInAPackage("..service..").check(CLASSES);
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class).should().resideInAPackage("..domain..")
                .check(CLASSES);
    }

    @Test
    void resourcesGoThroughServicesNotRepositories() {
        noClasses().that().resideInAPackage("..rest..").should().dependOnClassesThat().resideInAPackage("..repository..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..domain..").should().dependOnClassesThat()
                .resideInAnyPackage("..rest..", "..service..", "..repository..").check(CLASSES);
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
                .that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .and().areDeclaredInClassesThat().resideInAPackage("..rest..")
                .and().arePublic()
                .should(new com.tngtech.archunit.lang.ArchCondition<>("be restricted to roles") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMethod method,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        boolean restricted = method.isAnnotatedWith(RolesAllowed.class)
                                || method.getOwner().isAnnotatedWith(RolesAllowed.class);
                        if (!restricted) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method,
                                    method.getFullName() + " has no @RolesAllowed"));
                        }
                    }
                })
                .check(CLASSES);
    }

    @Test
    void theRulesArePureAndDependOnNothingElseOfTheService() {
        noClasses().that().resideInAPackage("..rules..").should().dependOnClassesThat()
                .resideInAnyPackage("..rest..", "..service..", "..repository..", "..aircall..", "..client..",
                        "io.smallrye.mutiny..", "jakarta.persistence..")
                .check(CLASSES);
    }
}
