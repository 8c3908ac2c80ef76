package dev.pressfeed.page;

import dev.pressfeed.release.ReleaseStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store that writes down which of its methods were called, in order, and passes each call to
 * the real store underneath: what a page read costs (a 304 reads the head and nothing else),
 * and that an embargo ending writes nothing. A proxy rather than a class, so that a method the
 * store port gains later is counted too without a change here.
 */
final class CountingStore {

  /** The port's writing methods; every other method reads. */
  static final List<String> WRITES = List.of("insert", "replace", "replaceFeedState",
      "insertIdempotency", "replaceIdempotency");

  private final ReleaseStore store;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  CountingStore(ReleaseStore real) {
    this.store = (ReleaseStore) Proxy.newProxyInstance(ReleaseStore.class.getClassLoader(),
        new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(real, args);
          }
          calls.add(method.getName());
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The store to hand to the application. */
  ReleaseStore store() {
    return store;
  }

  /** The calls since the last {@link #forget}, by method name. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  List<String> writes() {
    return calls.stream().filter(WRITES::contains).toList();
  }

  void forget() {
    calls.clear();
  }
}
