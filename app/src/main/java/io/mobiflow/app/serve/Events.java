package io.mobiflow.app.serve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What changed, for the server-sent-events streams: each event goes to every subscriber; one that
 * cannot take it (its bounded queue of {@link #QUEUE} events is full: the client fell behind) is
 * dropped, its stream ends and the client reconnects, rather than holding memory.
 */
public final class Events {

  /** One event: its SSE name ({@code suggestion}, {@code flow}) and JSON data. */
  public record Event(String name, String json) {}

  /** A comment line that keeps a quiet stream's connection alive. */
  static final Event HEARTBEAT = new Event(null, null);

  /** Events a subscriber may be behind. */
  static final int QUEUE = 1000;

  /** Where events go. */
  interface Subscriber {
    /** Takes {@code event}, or returns false when it falls behind (it is then dropped). */
    boolean offer(Event event);
  }

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  /** Adds {@code subscriber} unless {@code max} are subscribed already; whether it was added. */
  synchronized boolean subscribe(Subscriber subscriber, int max) {
    if (subscribers.size() >= max) {
      return false;
    }
    subscribers.add(subscriber);
    return true;
  }

  /** How many are subscribed now. */
  int subscribers() {
    return subscribers.size();
  }

  /** Removes {@code subscriber} (its slot is free at once). */
  void unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  /** Sends {@code event} to every subscriber; drops those that cannot take it. */
  public void publish(Event event) {
    for (Subscriber subscriber : subscribers) {
      if (!subscriber.offer(event)) {
        subscribers.remove(subscriber);
      }
    }
  }
}
