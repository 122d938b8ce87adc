/**
 * The audit trail (nhật ký thao tác): every change a person makes, through the web UI or the API,
 * appended to a hash-chained log like the air log, with who, when, from where, what and what
 * changed. Service methods say what they do with {@link vn.loaxa.audit.Audited}; one advisor writes
 * the row, in the change's own transaction where it has one.
 */
@NullMarked
package vn.loaxa.audit;

import org.jspecify.annotations.NullMarked;
