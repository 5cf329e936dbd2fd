package io.mobiflow.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The jobs are what a cluster runs: they carry neither the command line nor an HTTP server, never
 * reach into the application module that depends on them, and their packages form no cycle.
 */
class JobsArchitectureTest {

  private final JavaClasses jobs =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mobiflow.jobs");

  @Test
  void theJobsDependOnNoCommandLineNoHttpServerAndNotOnTheApplication() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "picocli..", "org.eclipse.jetty..", "com.sun.net.httpserver..", "io.mobiflow.app..")
        .because("the job jar runs on a cluster; the mobiflow application is built on the jobs")
        .check(jobs);
  }

  @Test
  void zoneFlowsDoNotDependOnSuggestions() {
    noClasses()
        .that()
        .resideInAPackage("io.mobiflow.jobs.zoneflow..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.mobiflow.jobs.suggest..")
        .because(
            "the suggestion branch is added to the job's streams from outside (SuggestionBranch)")
        .check(jobs);
  }

  @Test
  void thePackagesOfTheJobsFormNoCycle() {
    slices().matching("io.mobiflow.jobs.(*)..").should().beFreeOfCycles().check(jobs);
  }
}
