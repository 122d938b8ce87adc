/**
 * The pieces every screen shares: formats, notices, pickers, the translations provider. Exposed to every
 * module as base's "ui" interface.
 */
@NullMarked
@NamedInterface("ui")
package vn.loaxa.base.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
