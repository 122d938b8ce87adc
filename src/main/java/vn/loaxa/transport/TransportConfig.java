package vn.loaxa.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

import vn.loaxa.base.StationProperties;

/**
 * The listen address and HTTPS, put into Spring Boot's own machinery: the certificate becomes the
 * SSL bundle {@value #BUNDLE} (registered programmatically, because a generated certificate only
 * exists once the data folder is known), and the web server is told {@code server.ssl.bundle} =
 * that bundle, exactly as the properties would. Runs after Boot's own customizer, so these settings
 * win over {@code server.address} and {@code server.ssl.*}.
 */
@Configuration(proxyBeanMethods = false)
class TransportConfig {

    static final String BUNDLE = "loaxa";
    private static final Logger log = LoggerFactory.getLogger(TransportConfig.class);

    @Bean
    StationTls stationTls(TlsProperties tls, StationProperties station, Clock clock,
                          @Value("${loaxa.listen-address:}") String listenAddress) {
        return StationTls.load(tls, station.dataDir(), listenAddress, clock.instant());
    }

    @Bean
    SslBundleRegistrar stationSslBundle(StationTls tls) {
        return registry -> {
            if (tls.enabled()) {
                registry.registerBundle(BUNDLE, SslBundle.of(SslStoreBundle.of(tls.keyStore(), tls.password(), null),
                        SslBundleKey.of(tls.password(), tls.alias())));
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> listenAddressAndHttps(
            StationTls tls, TlsProperties settings, @Value("${loaxa.listen-address:}") String listenAddress) {
        return new ListenAddressAndHttps(tls, settings, listenAddress);
    }

    /** After Boot's customizer (order 0), which applies {@code server.*}. */
    private record ListenAddressAndHttps(StationTls tls, TlsProperties settings, String listenAddress)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            var address = address(listenAddress);
            if (address != null) {
                factory.setAddress(address);
            }
            if (!tls.enabled()) {
                return;
            }
            var ssl = new Ssl();
            ssl.setBundle(BUNDLE);
            factory.setSsl(ssl);
            // The session cookie never travels over plain HTTP (the redirect port included).
            factory.getSettings().getSession().getCookie().setSecure(true);
            var redirect = settings.httpRedirectPort();
            if (redirect != null && redirect > 0) {
                redirectToHttps(factory, redirect, address);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * A plain HTTP connector whose every request Tomcat answers with a redirect to the HTTPS port
     * (a CONFIDENTIAL constraint on everything): old bookmarks of http://station:8080 keep working.
     * Nothing is served over it, not even the login page.
     */
    private static void redirectToHttps(TomcatWebServerFactory factory, int port, @Nullable InetAddress address) {
        var connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
        connector.setScheme("http");
        connector.setPort(port);
        connector.setSecure(false);
        connector.setRedirectPort(factory.getPort());
        if (address != null) {
            connector.setProperty("address", address.getHostAddress());
        }
        factory.addAdditionalConnectors(connector);
        factory.addContextCustomizers(context -> {
            var all = new SecurityCollection();
            all.addPattern("/*");
            var confidential = new SecurityConstraint();
            confidential.setUserConstraint("CONFIDENTIAL");
            confidential.addCollection(all);
            context.addConstraint(confidential);
        });
    }

    private static @Nullable InetAddress address(String listenAddress) {
        if (listenAddress.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(listenAddress.strip());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("loaxa.listen-address: unknown address " + listenAddress, e);
        }
    }

    /** The officer reads this in the console or the service log and compares it with the browser's. */
    @EventListener
    void serving(WebServerInitializedEvent event) {
        // Only the main server: a management server on its own port would repeat it.
        if (event.getApplicationContext().getParent() != null) {
            return;
        }
        var tls = event.getApplicationContext().getBean(StationTls.class);
        if (tls.enabled()) {
            var cert = tls.certificate();
            log.info("HTTPS on port {} with the {} certificate {} for {}, valid until {}; SHA-256 fingerprint {}",
                    event.getWebServer().getPort(), tls.generated() ? "self-signed" : "given",
                    cert == null ? "" : cert.getSubjectX500Principal().getName(), tls.names(),
                    cert == null ? "" : cert.getNotAfter().toInstant(), tls.fingerprint());
        } else {
            log.info("Serving plain HTTP on port {} (HTTPS: loaxa.tls.enabled=true)", event.getWebServer().getPort());
        }
    }
}
