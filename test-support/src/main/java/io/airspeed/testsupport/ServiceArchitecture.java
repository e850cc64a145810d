package io.airspeed.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout every service follows (packages by role, see the style guide) and the rule that
 * every endpoint says who may call it. Each service's ArchitectureTest runs these on its classes.
 */
public final class ServiceArchitecture {

    private final JavaClasses classes;

    private ServiceArchitecture(JavaClasses classes) {
        this.classes = classes;
    }

    public static ServiceArchitecture of(String rootPackage) {
        return new ServiceArchitecture(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage));
    }

    public JavaClasses importedClasses() {
        return classes;
    }

    public void classesLiveInThePackageTheirRoleNames() {
        classes().that().haveSimpleNameEndingWith("Resource").should().resideInAPackage("..rest..").check(classes);
        classes().that().haveSimpleNameEndingWith("Repository").should().resideInAPackage("..repository..").check(classes);
        classes().that().haveSimpleNameEndingWith("Service").should().resideInAPackage("..service..").check(classes);
        classes().that().areAnnotatedWith(Entity.class).should().resideInAPackage("..domain..").check(classes);
    }

    public void resourcesGoThroughServicesNotRepositories() {
        noClasses().that().resideInAPackage("..rest..").should().dependOnClassesThat().resideInAPackage("..repository..")
                .check(classes);
        noClasses().that().resideInAPackage("..domain..").should().dependOnClassesThat()
                .resideInAnyPackage("..rest..", "..service..", "..repository..").check(classes);
    }

    public void everyEndpointDeclaresWhoMayCallIt() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .and().areDeclaredInClassesThat().resideInAPackage("..rest..")
                .and().arePublic()
                .should(new ArchCondition<>("be restricted to roles") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        if (!method.isAnnotatedWith(RolesAllowed.class) && !method.getOwner().isAnnotatedWith(RolesAllowed.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has no @RolesAllowed"));
                        }
                    }
                })
                .check(classes);
    }
}
