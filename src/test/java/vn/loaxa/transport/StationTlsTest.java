package vn.loaxa.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate a station generates or is given: what it is for, how long, where and how it is
 * stored, that a restart keeps it, that one near its end is replaced, and the refusals of a
 * keystore that cannot be used.
 */
class StationTlsTest {

    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path data;

    @Test
    void off_by_default() {
        var tls = StationTls.load(settings(false, null, null), data, "", NOW);
        assertThat(tls.enabled()).isFalse();
        assertThat(tls.fingerprint()).isEmpty();
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void a_generated_certificate_is_a_ten_year_p256_server_certificate_for_this_pc() throws Exception {
        var tls = StationTls.load(settings(true, null, null, "dai.gioson.local", "10.20.30.40"), data, "", NOW);

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.generated()).isTrue();
        var cert = tls.certificate();
        assertThat(cert).isNotNull();
        assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(3651));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        cert.verify(cert.getPublicKey()); // self-signed
        var names = tls.names();
        assertThat(names).contains("localhost", "dai.gioson.local", "10.20.30.40", "127.0.0.1");
        assertThat(names).anyMatch(n -> n.equals("0:0:0:0:0:0:0:1"));
        var host = InetAddress.getLocalHost().getHostName();
        if (!host.equals("localhost") && host.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            assertThat(names).contains(host);
        }
        assertThat(tls.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(tls.fingerprint()).isEqualTo(StationTls.fingerprint(cert));
    }

    @Test
    void it_is_stored_readable_by_the_station_only_and_kept_across_restarts() throws Exception {
        var first = StationTls.load(settings(true, null, null), data, "", NOW);
        var file = data.resolve("tls").resolve("station.p12");
        assertThat(first.file()).isEqualTo(file.toAbsolutePath());
        if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("station.p12");
        }
        // A PKCS12 any tool reads (no password: the file's permissions protect it).
        var store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, new char[0]);
        }
        assertThat(store.isKeyEntry("loaxa")).isTrue();

        var again = StationTls.load(settings(true, null, null), data, "", NOW.plus(Duration.ofDays(400)));
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void a_generated_certificate_near_its_end_is_replaced_at_start_up() {
        var first = StationTls.load(settings(true, null, null), data, "", NOW);
        var late = NOW.plus(Duration.ofDays(3650 - 20));
        var renewed = StationTls.load(settings(true, null, null), data, "", late);
        assertThat(renewed.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(renewed.certificate().getNotAfter().toInstant()).isEqualTo(late.plus(Duration.ofDays(3650)));
    }

    @Test
    void a_given_keystore_is_used_with_its_password_and_alias() throws Exception {
        var given = keystore("s3cret-pass", "dai-gioson");
        var tls = StationTls.load(new TlsProperties(true, given, "s3cret-pass", null, List.of(), null,
                Duration.ofDays(365)), data, "", NOW);
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.generated()).isFalse();
        assertThat(tls.alias()).isEqualTo("dai-gioson");
        assertThat(tls.names()).containsExactly("dai.gioson.gov.vn");
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void a_keystore_that_cannot_be_used_stops_the_start_with_the_reason() throws Exception {
        var given = keystore("s3cret-pass", "dai-gioson");
        assertThatThrownBy(() -> StationTls.load(new TlsProperties(true, given, "wrong", null, List.of(), null,
                Duration.ofDays(365)), data, "", NOW)).isInstanceOfSatisfying(TlsSetupException.class,
                e -> assertThat(e.key()).isEqualTo("tls.error.unreadable"))
                .hasMessageContaining(given.toAbsolutePath().toString());
        assertThatThrownBy(() -> StationTls.load(new TlsProperties(true, data.resolve("none.p12"), "x", null,
                List.of(), null, Duration.ofDays(365)), data, "", NOW)).isInstanceOfSatisfying(TlsSetupException.class,
                e -> assertThat(e.key()).isEqualTo("tls.error.missing"));
        assertThatThrownBy(() -> StationTls.load(new TlsProperties(true, given, "s3cret-pass", "other", List.of(),
                null, Duration.ofDays(365)), data, "", NOW)).isInstanceOfSatisfying(TlsSetupException.class,
                e -> assertThat(e.key()).isEqualTo("tls.error.noKey"));
        // The analyzer turns each into the short start-up report, Vietnamese first.
        var analysis = new TlsFailureAnalyzer().analyze(new IllegalStateException(new TlsSetupException(
                "tls.error.missing", null, "/opt/loaxa/cert.p12")));
        assertThat(analysis.getDescription()).contains("không thấy tệp chứng chỉ /opt/loaxa/cert.p12",
                "keystore /opt/loaxa/cert.p12 does not exist");
        assertThat(analysis.getAction()).contains("loaxa.tls.enabled=false");
    }

    private Path keystore(String password, String alias) throws Exception {
        var cert = SelfSignedCertificate.generate("dai.gioson.gov.vn", Set.of("dai.gioson.gov.vn"), Set.of(), NOW);
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, cert.key().getPrivate(), password.toCharArray(),
                new java.security.cert.Certificate[] {cert.certificate()});
        var file = data.resolve("given.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static TlsProperties settings(boolean enabled, Path keystore, String password, String... hostnames) {
        return new TlsProperties(enabled, keystore, password, null, List.of(hostnames), null, Duration.ofDays(365));
    }
}
