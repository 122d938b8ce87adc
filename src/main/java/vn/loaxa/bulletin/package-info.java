/**
 * Bulletins (bản tin) and the CCHC topic taxonomy they are tagged with: an audio asset with its
 * editorial data and the commune leadership's approval. Only approved bulletins within their
 * validity, whose audio is present, air.
 */
@NullMarked
package vn.loaxa.bulletin;

import org.jspecify.annotations.NullMarked;
