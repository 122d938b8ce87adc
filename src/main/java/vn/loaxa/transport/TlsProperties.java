package vn.loaxa.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTPS for the station's web UI and API. Off by default: a commune LAN station keeps working on
 * plain http://localhost:8080.
 *
 * @param enabled          serve HTTPS on {@code server.port} instead of HTTP
 * @param keystore         a PKCS12 file with the certificate chain and its private key; blank: the
 *                         station generates a self-signed certificate in {@code <data-dir>/tls/station.p12}
 * @param keystorePassword the keystore's password (also the key's)
 * @param keyAlias         the entry to use; blank: the first one with a private key
 * @param hostnames        further DNS names or addresses a generated certificate is for, besides this
 *                         PC's name, {@code localhost} and its addresses (e.g. {@code dai.gioson.local})
 * @param httpRedirectPort a plain HTTP port that answers every request with a redirect to HTTPS;
 *                         blank: none
 * @param hstsMaxAge       how long a browser that saw the station over HTTPS keeps using HTTPS only
 */
@ConfigurationProperties("loaxa.tls")
public record TlsProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable Path keystore,
        @Nullable String keystorePassword,
        @Nullable String keyAlias,
        @DefaultValue List<String> hostnames,
        @Nullable Integer httpRedirectPort,
        @DefaultValue("365d") Duration hstsMaxAge) {

    /** Whether a keystore file was named (blank counts as none). */
    public boolean keystoreGiven() {
        return keystore != null && !keystore.toString().isBlank();
    }
}
