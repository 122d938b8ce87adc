/**
 * How browsers and scripts reach the station: the address it listens on, optional HTTPS with a
 * certificate from a PKCS12 file or one the station generates (its fingerprint logged and shown on
 * the Settings page), and the http-to-https redirect (see docs/decisions/0016-transport-and-headers.md).
 * The response headers every answer carries are set in {@code vn.loaxa.security.SecurityHeaders}.
 */
@NullMarked
package vn.loaxa.transport;

import org.jspecify.annotations.NullMarked;
