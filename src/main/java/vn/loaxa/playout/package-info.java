/**
 * The station's one sound output and the engine that plays the schedule on it unattended: Quartz
 * triggers rebuilt from the schedule, priorities and start policies, the air log written around
 * every broadcast, and recovery after a crash (see docs/decisions/0005-playout-engine.md).
 */
@NullMarked
package vn.loaxa.playout;

import org.jspecify.annotations.NullMarked;
