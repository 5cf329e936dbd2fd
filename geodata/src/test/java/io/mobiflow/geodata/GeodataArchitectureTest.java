package io.mobiflow.geodata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The geo core stays a plain library: usable from a Flink job, a batch tool or a web service. */
class GeodataArchitectureTest {

  private final JavaClasses geodata =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mobiflow.geodata");

  @Test
  void geodataDoesNotDependOnFlink() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.flink..")
        .check(geodata);
  }

  @Test
  void geodataDoesNotDependOnTheOtherModules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mobiflow.connectors..", "io.mobiflow.jobs..")
        .check(geodata);
  }
}
