/** The Settings page's view of how browsers reach the station. */
@NullMarked
@NamedInterface("ui")
package vn.loaxa.transport.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
