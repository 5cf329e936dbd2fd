package io.mobiflow.app.demo;

import io.mobiflow.jobs.zoneflow.OtherDeclarations;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints survive upgrades: the savepoint the build of 36ce799 took half-way through 40 minutes
 * of the demo (seed 42; {@code savepoints/0.1-36ce799/HOW.md}) restores into this build, and what
 * the 0.1 job wrote before it stopped plus what this build writes after the restore equals, record
 * for record, an uninterrupted run of this build: flows of every unit, dead letters and
 * suggestions. Also when this build declares one more measure, at the end or first. In the app
 * module because it needs the demo city; in DemoRun's package for its pseudonym key. The runs and
 * the comparison are {@link SavepointDemo}'s.
 */
class SavepointUpgradeITCase {

  @TempDir static Path work;

  private static SavepointDemo demo;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    demo = SavepointDemo.get();
  }

  @Test
  void aRestoredRunWritesWhatAnUninterruptedOneWrites() throws Exception {
    demo.run(work.resolve("restored"), demo.savepoint(), UnaryOperator.identity());
    demo.assertRestoredWritesWhatAnUninterruptedRunWrites(work.resolve("restored"));
  }

  @Test
  void aMeasureDeclaredAfterTheOthersRestoresTheSavepoint() throws Exception {
    List<String> appended = new ArrayList<>(Indicators.SLOT_IDS);
    appended.add("probe_measure");
    demo.run(
        work.resolve("appended"),
        demo.savepoint(),
        job -> OtherDeclarations.sumsLaidOutAs(job, appended));
    demo.assertRestoredWritesWhatAnUninterruptedRunWrites(work.resolve("appended"));
  }

  @Test
  void aMeasureDeclaredBeforeTheOthersRestoresTheSavepoint() throws Exception {
    List<String> inserted = new ArrayList<>(List.of("probe_measure"));
    inserted.addAll(Indicators.SLOT_IDS);
    demo.run(
        work.resolve("inserted"),
        demo.savepoint(),
        job -> OtherDeclarations.sumsLaidOutAs(job, inserted));
    demo.assertRestoredWritesWhatAnUninterruptedRunWrites(work.resolve("inserted"));
  }
}
