/**
 * The station's one sound output and the engine that plays the schedule on it unattended: Quartz
 * triggers rebuilt from the schedule, priorities and start policies, the air log written around
 * every broadcast, and recovery after a crash (see docs/decisions/0005-playout-engine.md).
 *
 * <h2>Glossary</h2>
 * The words below mean one thing each, here, in {@code vn.loaxa.audio.output} and in decision 0027.
 * <dl>
 *   <dt>occurrence</dt>
 *   <dd>One due airing of a programme, queue or one-off at its <em>planned instant</em>, known by its
 *       key ({@code vn.loaxa.schedule.Occurrence}). The air log's keys say whether it has aired.</dd>
 *   <dt>broadcast</dt>
 *   <dd>An occurrence (or the resumption of one a crash cut) going to air: its START row, its items
 *       on the output, its END row ({@link vn.loaxa.playout.BroadcastRun}).</dd>
 *   <dt>item</dt>
 *   <dd>One piece of audio of an occurrence (an asset, a bulletin), or the DTMF tones around it; to
 *       the output, a {@link vn.loaxa.audio.output.PlayoutItem}.</dd>
 *   <dt>planned instant</dt>
 *   <dd>When the occurrence is due (the schedule's time; the START row's {@code planned_start_ms}).</dd>
 *   <dt>start instant</dt>
 *   <dd>The instant the player is asked to put the first sample out: the planned instant, or now +
 *       late-start for a broadcast that can no longer make it.</dd>
 *   <dt>first sample out</dt>
 *   <dd>When the line clock says the first sample left the output: the broadcast's actual start.</dd>
 *   <dt>reconciled</dt>
 *   <dd>Started by a re-plan or start-up recovery after its planned instant, not by its trigger. Such
 *       a broadcast never cuts another, and is held against the grace window.</dd>
 *   <dt>collision</dt>
 *   <dd>A broadcast due while another holds the output: CUT, WAIT or SKIP by its start policy and the
 *       priorities ({@link vn.loaxa.playout.CollisionRule}); an emergency pre-empts (PREEMPTED).</dd>
 *   <dt>missed / skipped</dt>
 *   <dd>MISSED: found later than the grace window after its planned instant. SKIPPED: given up while
 *       another broadcast held the output.</dd>
 *   <dt>fire-ahead, decide-ahead, lead, line buffer, late-start, grace</dt>
 *   <dd>The margins of the path from trigger to first sample, in one checked record:
 *       {@link vn.loaxa.playout.PlayoutTiming}.</dd>
 * </dl>
 */
@NullMarked
package vn.loaxa.playout;

import org.jspecify.annotations.NullMarked;
