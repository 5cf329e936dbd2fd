package io.mobiflow.jobs.suggest;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The suggestion packages by role, one way: the model (this package) uses none of the others; the
 * rules use the model; the texts the rules and the model; the operators all of them.
 */
class SuggestPackagesTest {

  private final JavaClasses suggest =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.mobiflow.jobs.suggest");

  @Test
  void theModelRulesTextsAndOperatorsDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("model")
        .definedBy("io.mobiflow.jobs.suggest")
        .layer("rules")
        .definedBy("io.mobiflow.jobs.suggest.rules..")
        .layer("texts")
        .definedBy("io.mobiflow.jobs.suggest.texts..")
        .layer("operators")
        .definedBy("io.mobiflow.jobs.suggest.operators..")
        .whereLayer("operators")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("texts")
        .mayOnlyBeAccessedByLayers("operators")
        .whereLayer("rules")
        .mayOnlyBeAccessedByLayers("texts", "operators")
        .check(suggest);
  }
}
