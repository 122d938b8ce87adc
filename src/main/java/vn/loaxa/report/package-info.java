/**
 * Half-year and annual reports of the station's CCHC propaganda, computed from the air log only,
 * and their exports (xlsx, docx in the Nghị định 30/2020 layout, CSV) and evidence bundles.
 */
@NullMarked
package vn.loaxa.report;

import org.jspecify.annotations.NullMarked;
