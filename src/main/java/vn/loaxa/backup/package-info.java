/**
 * Checked backups and safe restores (decision 0023): the nightly copy of the database (taken online
 * with {@code VACUUM INTO}) and of the audio library (content-addressed, incremental), its manifest,
 * its verification, rotation, and the {@code restore} command that puts a backup back into a stopped
 * station after moving the current data aside.
 */
@NullMarked
package vn.loaxa.backup;

import org.jspecify.annotations.NullMarked;
