package io.airspeed.ingest;

import io.airspeed.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Each concern lives where its name says, every endpoint declares who may call it, the rules stay pure. */
class ArchitectureTest {

    private static final ServiceArchitecture SERVICE = ServiceArchitecture.of("io.airspeed.ingest");

    @Test
    void classesLiveInThePackageTheirRoleNames() {
        SERVICE.classesLiveInThePackageTheirRoleNames();
    }

    @Test
    void resourcesGoThroughServicesNotRepositories() {
        SERVICE.resourcesGoThroughServicesNotRepositories();
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        SERVICE.everyEndpointDeclaresWhoMayCallIt();
    }

    @Test
    void theRulesArePureAndDependOnNothingElseOfTheService() {
        noClasses().that().resideInAPackage("..rules..").should().dependOnClassesThat()
                .resideInAnyPackage("..rest..", "..service..", "..repository..", "..aircall..", "..client..",
                        "io.smallrye.mutiny..", "jakarta.persistence..")
                .check(SERVICE.importedClasses());
    }
}
