package vn.loaxa.transport.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.annotation.SpringComponent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Scope;
import vn.loaxa.base.StationTime;
import vn.loaxa.transport.StationTls;

/**
 * How browsers reach the station, for the Settings page: HTTPS off (and how to turn it on), or on
 * with the certificate's SHA-256 fingerprint, which the officer compares with the one the browser
 * shows before accepting a self-signed certificate; and the address the station listens on.
 * Read-only: these are start-up settings (application.properties), changed with a restart.
 */
@SpringComponent
@Scope("prototype")
public class ConnectionPanel extends Div {

    private final StationTime stationTime;

    public ConnectionPanel(StationTls tls, @Value("${loaxa.listen-address:}") String listenAddress, StationTime stationTime) {
        this.stationTime = stationTime;
        setId("connection-panel");
        var cert = tls.certificate();
        if (!tls.enabled() || cert == null) {
            add(new Paragraph(getTranslation("ui.tls.off")));
        } else {
            add(new Paragraph(getTranslation("ui.tls.on") + " " + (tls.generated()
                    ? getTranslation("ui.tls.generated") : getTranslation("ui.tls.given"))));
            var fingerprint = new Span(tls.fingerprint());
            fingerprint.setId("tls-fingerprint");
            // Hex pairs in a fixed-width font, breakable anywhere so a phone shows all 95 characters.
            fingerprint.getStyle().set("font-family", "monospace").set("overflow-wrap", "anywhere");
            add(new Div(new Span(getTranslation("ui.tls.fingerprint") + ": "), fingerprint));
            add(muted(getTranslation("ui.tls.validity", stationTime.formatDate(cert.getNotBefore().toInstant()),
                    stationTime.formatDate(cert.getNotAfter().toInstant()))));
            add(muted(getTranslation("ui.tls.names", String.join(", ", tls.names()))));
            add(muted(getTranslation("ui.tls.file", String.valueOf(tls.file()))));
        }
        add(muted(getTranslation("ui.tls.listen", listenAddress.isBlank()
                ? getTranslation("ui.tls.listenAll") : listenAddress.strip())));
    }

    private static Div muted(String text) {
        var d = new Div(text);
        d.addClassName("loaxa-muted");
        d.getStyle().set("overflow-wrap", "anywhere");
        return d;
    }
}
