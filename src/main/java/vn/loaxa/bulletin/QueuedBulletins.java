package vn.loaxa.bulletin;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which bulletins a programme's queue still airs: the queue lives in the schedule module, which
 * uses this one, so the Bulletins page asks through this interface rather than depending back.
 */
public interface QueuedBulletins {

    /** The ids of bulletins with a queue entry that covers {@code day} or a later date. */
    Set<Long> queuedOnOrAfter(LocalDate day);
}
