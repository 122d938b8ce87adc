package vn.loaxa.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service method that changes something a person asked to change: each successful call by a
 * person (the UI or the API alike) appends one row to the audit trail, in the method's own write
 * transaction when it has one (a failed change leaves no row, a change never lacks one; a call that
 * throws, even a checked exception, rolls its change back), else right after it returns. Calls by the station itself (no signed-in person: start-up, the engine, the
 * first-start load as "seed") write nothing. A call made inside another audited call is part of
 * that one: it is listed in its row ({@code included}), not given a row of its own, unless the
 * outer call fails after the inner one was committed.
 *
 * <p>The expressions are SpEL evaluated on the service itself (so {@code require(#id)} reads with
 * the service's own method), with the method's parameters as {@code #name}, {@code #result} (after
 * the call), {@code #before} (the snapshot taken before it) and other beans as {@code @beanName}.
 * An expression whose evaluation fails at run time (the target is gone) gives null; a malformed one
 * fails the call, so a typo is found by the first test that calls the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    /** The action's stable code, upper case with underscores: {@code BULLETIN_APPROVED}. */
    String value();

    /** The kind of thing changed: {@code BULLETIN}, {@code USER}, {@code SETTING}...; blank when none. */
    String target() default "";

    /** The target's id; default: the result's {@code id()}, else a parameter named {@code id}, else the snapshot's. */
    String id() default "";

    /** The target's name; default: the snapshot's or result's title, name or username. */
    String name() default "";

    /**
     * The target's state, read before the call and again after it; the row records the difference
     * (field: from, to), or everything when it was created (null before) or removed (gone after).
     */
    String snapshot() default "";

    /**
     * What else to record (an object: flattened to fields). Without a snapshot or details, the
     * method's simple parameters are recorded; parameters named like a password, secret or token
     * never are, and any field so named is recorded only as having changed.
     */
    String details() default "";
}
