/**
 * The station's audio library: files are imported only after a full decode proves they play,
 * stored under the audio folder under safe names, and recognised by SHA-256 when imported again.
 */
@NullMarked
package vn.loaxa.library;

import org.jspecify.annotations.NullMarked;
