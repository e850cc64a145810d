package io.airspeed.users;

import io.airspeed.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Each concern lives where its name says, and every endpoint declares who may call it. */
class ArchitectureTest {

    private static final ServiceArchitecture SERVICE = ServiceArchitecture.of("io.airspeed.users");

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
}
