package io.mobiflow.app.cluster;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;

/**
 * Whether a savepoint restores into a job graph, decided before the job is submitted: as Flink does
 * at restore, every operator state of the savepoint that holds state needs an operator of the graph
 * with its id (from its uid), unless non-restored state is allowed. Without this check the job
 * would be submitted and fail on the cluster.
 */
public final class SavepointCheck {

  private SavepointCheck() {}

  /**
   * The one line saying why the savepoint at {@code savepoint} (a directory or its {@code
   * _metadata}, a path or a URL) does not restore into {@code job}, or empty when it does.
   *
   * @throws IOException when there is no readable savepoint there
   */
  public static Optional<String> mismatch(String savepoint, JobGraph job) throws IOException {
    Set<OperatorID> operators = new HashSet<>();
    for (JobVertex vertex : job.getVertices()) {
      for (OperatorIDPair ids : vertex.getOperatorIDs()) {
        operators.add(ids.getGeneratedOperatorID());
        ids.getUserDefinedOperatorID().ifPresent(operators::add);
      }
    }
    List<String> orphans =
        read(savepoint).getOperatorStates().stream()
            .filter(state -> holdsState(state) && !operators.contains(state.getOperatorID()))
            .map(SavepointCheck::describe)
            .sorted()
            .toList();
    if (orphans.isEmpty()) {
      return Optional.empty();
    }
    String more = orphans.size() == 1 ? "" : " (and " + (orphans.size() - 1) + " more)";
    return Optional.of(
        "savepoint "
            + savepoint
            + " does not match this job: state of operator "
            + orphans.get(0)
            + more
            + " has no operator here; use --allow-non-restored-state to drop it");
  }

  private static CheckpointMetadata read(String savepoint) throws IOException {
    CompletedCheckpointStorageLocation location;
    try {
      location = AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(savepoint);
    } catch (IOException e) {
      throw new IOException("no savepoint at " + savepoint + ": " + e.getMessage(), e);
    }
    try (DataInputStream in = new DataInputStream(location.getMetadataHandle().openInputStream())) {
      return Checkpoints.loadCheckpointMetadata(
          in, SavepointCheck.class.getClassLoader(), location.getExternalPointer());
    }
  }

  /** As Flink's restore decides: coordinator state, or state in any subtask. */
  private static boolean holdsState(OperatorState state) {
    return state.getCoordinatorState() != null
        || state.getStates().stream().anyMatch(OperatorSubtaskState::hasState);
  }

  /** The operator's uid (savepoints of Flink 2 record it) with its id, or its id alone. */
  private static String describe(OperatorState state) {
    String id = state.getOperatorID().toHexString();
    return state.getOperatorUid().map(uid -> "'" + uid + "' (" + id + ")").orElse(id);
  }
}
