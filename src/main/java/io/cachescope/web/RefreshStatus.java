package io.cachescope.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the served catalog was last read, and the last refresh that failed, so that a server
 * stuck on a stale catalog says so in {@code /api/home} instead of failing silently.
 */
final class RefreshStatus {
  private record State(Instant lastSuccess, Instant lastErrorAt, String lastError) {}

  private final AtomicReference<State> state;

  RefreshStatus(Instant loadedAt) {
    state = new AtomicReference<>(new State(loadedAt, null, null));
  }

  void succeeded() {
    state.set(new State(Instant.now(), null, null));
  }

  void failed(String error) {
    state.updateAndGet(s -> new State(s.lastSuccess(), Instant.now(), error));
  }

  Map<String, Object> json() {
    State s = state.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("last_success", s.lastSuccess().toString());
    m.put("last_error_at", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
    m.put("last_error", s.lastError());
    return m;
  }
}
