package vn.loaxa.base;

import java.util.function.Supplier;

/**
 * Which connections a thread's database work uses. The playout engine works in the engine lane:
 * connections of its own, which web users and report downloads can never exhaust, and first turn
 * at the write lock ({@link WriteGate}). Everything else is in the UI lane. See
 * docs/decisions/0011-storage-under-load.md.
 */
public final class DatabaseLane {

    private static final ThreadLocal<Boolean> ENGINE = ThreadLocal.withInitial(() -> false);

    private DatabaseLane() {
    }

    /** Runs {@code work} in the engine lane on this thread. */
    public static void engine(Runnable work) {
        engine(() -> {
            work.run();
            return null;
        });
    }

    public static <T> T engine(Supplier<T> work) {
        boolean outer = ENGINE.get();
        ENGINE.set(true);
        try {
            return work.get();
        } finally {
            ENGINE.set(outer);
        }
    }

    public static boolean isEngine() {
        return ENGINE.get();
    }
}
