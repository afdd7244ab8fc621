package org.redvest.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's package layers (see package-info.java of org.redvest.hub), checked on the compiled
 * main classes, templates included: each layer uses only the layers below it.
 */
class LayersTest {
  private static JavaClasses hub;

  @BeforeAll
  static void importHub() {
    hub = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.redvest.hub");
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("start").definedBy("org.redvest.hub")
        .layer("web").definedBy("org.redvest.hub.web..", "org.redvest.hub.api..")
        .layer("domain").definedBy("org.redvest.hub.domain..")
        .layer("transport").definedBy("org.redvest.hub.transport..")
        .layer("ledger").definedBy("org.redvest.hub.store..", "org.redvest.hub.hours..")
        .whereLayer("start").mayNotBeAccessedByAnyLayer()
        .whereLayer("web").mayOnlyBeAccessedByLayers("start")
        .whereLayer("domain").mayOnlyBeAccessedByLayers("start", "web")
        .whereLayer("transport").mayOnlyBeAccessedByLayers("start", "web", "domain")
        .check(hub);
  }

  @Test
  void theHourRulesKnowNoDatabase() {
    noClasses().that().resideInAPackage("org.redvest.hub.hours..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.redvest.hub.store..", "io.javalin..", "java.sql..")
        .check(hub);
  }

  @Test
  void featuresOfOneGroupDoNotGoRoundInCircles() {
    slices().matching("org.redvest.hub.domain.(*)..").should().beFreeOfCycles().check(hub);
    slices().matching("org.redvest.hub.transport.(*)..").should().beFreeOfCycles().check(hub);
    slices().matching("org.redvest.hub.web.(*)..").should().beFreeOfCycles().check(hub);
  }

  @Test
  void onlyTheWebServesHttp() {
    noClasses().that().resideOutsideOfPackages("org.redvest.hub.web..", "org.redvest.hub.api..",
            "org.redvest.hub")
        .should().dependOnClassesThat().resideInAPackage("io.javalin..")
        .check(hub);
  }
}
