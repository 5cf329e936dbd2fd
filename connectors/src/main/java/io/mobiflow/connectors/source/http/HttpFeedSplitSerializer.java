package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Writes splits (and the enumerator's list of them) field by field, versioned. Version 2 added the
 * feed's allowed redirect hosts and the last document's hash; version 1 checkpoints still read (no
 * host allowed, no hash known).
 */
final class HttpFeedSplitSerializer implements SimpleVersionedSerializer<HttpFeedSplit> {

  static final HttpFeedSplitSerializer INSTANCE = new HttpFeedSplitSerializer();

  private static final int VERSION = 2;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(HttpFeedSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    write(out, split);
    return out.getCopyOfBuffer();
  }

  @Override
  public HttpFeedSplit deserialize(int version, byte[] bytes) throws IOException {
    check(version);
    return read(new DataInputDeserializer(bytes), version);
  }

  /** The enumerator's checkpoint: the splits not yet assigned. */
  static final class Checkpoint implements SimpleVersionedSerializer<Collection<HttpFeedSplit>> {

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(Collection<HttpFeedSplit> splits) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      out.writeInt(splits.size());
      for (HttpFeedSplit split : splits) {
        write(out, split);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public Collection<HttpFeedSplit> deserialize(int version, byte[] bytes) throws IOException {
      check(version);
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      int n = in.readInt();
      List<HttpFeedSplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(read(in, version));
      }
      return splits;
    }
  }

  private static void write(DataOutputSerializer out, HttpFeedSplit split) throws IOException {
    HttpFeed feed = split.feed();
    out.writeUTF(feed.feedId());
    out.writeUTF(feed.kind().name());
    out.writeUTF(feed.url().toString());
    out.writeLong(feed.interval().toMillis());
    out.writeBoolean(feed.followTtl());
    out.writeLong(feed.timeout().toMillis());
    out.writeLong(feed.maxBytes());
    out.writeInt(feed.allowRedirectsTo().size());
    for (String host : feed.allowRedirectsTo()) {
      out.writeUTF(host);
    }
    PollState state = split.state();
    writeNullable(out, state.etag());
    writeNullable(out, state.lastModified());
    out.writeLong(
        state.lastDocumentTime() == null
            ? Long.MIN_VALUE
            : state.lastDocumentTime().toEpochMilli());
    writeNullable(out, state.contentSha256());
    out.writeInt(state.consecutiveErrors());
    out.writeLong(state.nextPollAt().toEpochMilli());
    out.writeLong(split.pollsLeft());
  }

  private static HttpFeedSplit read(DataInputDeserializer in, int version) throws IOException {
    String feedId = in.readUTF();
    FeedKind kind = FeedKind.valueOf(in.readUTF());
    URI url = URI.create(in.readUTF());
    Duration interval = Duration.ofMillis(in.readLong());
    boolean followTtl = in.readBoolean();
    Duration timeout = Duration.ofMillis(in.readLong());
    long maxBytes = in.readLong();
    List<String> allowRedirectsTo = new ArrayList<>();
    for (int n = version >= 2 ? in.readInt() : 0; n > 0; n--) {
      allowRedirectsTo.add(in.readUTF());
    }
    HttpFeed feed =
        new HttpFeed(feedId, kind, url, interval, followTtl, timeout, maxBytes, allowRedirectsTo);
    String etag = readNullable(in);
    String lastModified = readNullable(in);
    long documentTime = in.readLong();
    String contentSha256 = version >= 2 ? readNullable(in) : null;
    PollState state =
        new PollState(
            etag,
            lastModified,
            documentTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(documentTime),
            contentSha256,
            in.readInt(),
            Instant.ofEpochMilli(in.readLong()));
    return new HttpFeedSplit(feed, state, in.readLong());
  }

  private static void writeNullable(DataOutputSerializer out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputDeserializer in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void check(int version) throws IOException {
    if (version < 1 || version > VERSION) {
      throw new IOException("unknown HttpFeedSplit serialization version " + version);
    }
  }
}
