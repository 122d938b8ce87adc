/** The Settings page's view of how browsers reach the station. */
@NullMarked
package vn.loaxa.transport.ui;

import org.jspecify.annotations.NullMarked;
