package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.app.cluster.OutputMultiset.Difference;
import io.mobiflow.app.cluster.OutputMultiset.Differences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputMultisetTest {

  private static final List<String> EXPECTED =
      List.of("Z01@07:00 {\"n\":3}", "Z02@07:00 {\"n\":1}", "Z01@07:05 {\"n\":3}");

  @Test
  void theSameRecordsInAnotherOrderAreEqual() {
    List<String> actual = new ArrayList<>(EXPECTED);
    Collections.reverse(actual);
    assertThat(OutputMultiset.differences(EXPECTED, actual).isEmpty()).isTrue();
    OutputMultiset.assertSameRecords("zone-flows", EXPECTED, actual);
  }

  @Test
  void aPlantedDuplicateAndADroppedRecordAreBothReportedWithTheirCounts() {
    List<String> actual = new ArrayList<>(EXPECTED);
    actual.remove("Z02@07:00 {\"n\":1}"); // dropped
    actual.add("Z01@07:05 {\"n\":3}"); // planted duplicate: same size as expected

    Differences differences = OutputMultiset.differences(EXPECTED, actual);

    assertThat(actual).hasSameSizeAs(EXPECTED);
    assertThat(differences.records())
        .containsExactlyInAnyOrder(
            new Difference("Z01@07:05 {\"n\":3}", 1, 2),
            new Difference("Z02@07:00 {\"n\":1}", 1, 0));
    assertThat(differences.missing()).isEqualTo(1);
    assertThat(differences.extra()).isEqualTo(1);
    assertThatThrownBy(() -> OutputMultiset.assertSameRecords("zone-flows", EXPECTED, actual))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            zone-flows: 1 missing, 1 extra
              extra 1 of 1 expected (written 2): Z01@07:05 {"n":3}
              missing 1 of 1 expected (written 0): Z02@07:00 {"n":1}""");
  }

  @Test
  void aRecordExpectedTwiceAndWrittenOnceIsOneMissingCopy() {
    List<String> twice = List.of("a", "a", "b");
    Differences differences = OutputMultiset.differences(twice, List.of("a", "b"));
    assertThat(differences.records()).containsExactly(new Difference("a", 2, 1));
    assertThat(differences.missing()).isEqualTo(1);
    assertThat(differences.extra()).isZero();
  }

  @Test
  void aRecordNobodyExpectedIsExtra() {
    Differences differences = OutputMultiset.differences(List.of(), List.of("x"));
    assertThat(differences.records()).containsExactly(new Difference("x", 0, 1));
    assertThat(differences.describe("suggestions"))
        .isEqualTo("suggestions: 0 missing, 1 extra\n  extra 1 of 0 expected (written 1): x");
  }

  @Test
  void theMessageNamesTenRecordsAndCountsTheRest() {
    List<String> expected = IntStream.range(0, 25).mapToObj(i -> "r" + (100 + i)).toList();
    String message = OutputMultiset.differences(expected, List.of()).describe("dead-letters");
    assertThat(message.lines())
        .hasSize(1 + OutputMultiset.NAMED + 1)
        .startsWith("dead-letters: 25 missing, 0 extra")
        .contains("  missing 1 of 1 expected (written 0): r100")
        .endsWith("  ... and 15 more records");
  }
}
