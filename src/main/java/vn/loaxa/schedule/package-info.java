/**
 * The broadcast schedule: programmes (recurring slots), the queue of approved bulletins in them,
 * one-off and emergency broadcasts, and the pure occurrence planner that turns all of it into the
 * list of broadcasts due in a time range. SQLite holds the schedule; nothing here fires or plays.
 */
@NullMarked
package vn.loaxa.schedule;

import org.jspecify.annotations.NullMarked;
