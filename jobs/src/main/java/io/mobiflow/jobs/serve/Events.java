package io.mobiflow.jobs.serve;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What changed, for the server-sent-events stream: each subscriber has a bounded queue; one that
 * falls {@link #QUEUE} events behind is dropped (its stream ends and it reconnects) rather than
 * holding memory.
 */
public final class Events {

  /** One event: its SSE name ({@code suggestion}, {@code flow}) and JSON data. */
  public record Event(String name, String json) {}

  /** Events a subscriber may be behind. */
  static final int QUEUE = 1000;

  private final List<BlockingQueue<Event>> subscribers = new CopyOnWriteArrayList<>();

  /** A new subscriber's queue; null once it was dropped. */
  BlockingQueue<Event> subscribe() {
    BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    subscribers.add(queue);
    return queue;
  }

  void unsubscribe(BlockingQueue<Event> queue) {
    subscribers.remove(queue);
  }

  /** Whether {@code queue} is still subscribed. */
  boolean isSubscribed(BlockingQueue<Event> queue) {
    return subscribers.contains(queue);
  }

  /** How many streams are open. */
  int subscribers() {
    return subscribers.size();
  }

  /** Sends {@code event} to every subscriber; drops those whose queue is full. */
  public void publish(Event event) {
    for (BlockingQueue<Event> queue : subscribers) {
      if (!queue.offer(event)) {
        subscribers.remove(queue);
      }
    }
  }
}
