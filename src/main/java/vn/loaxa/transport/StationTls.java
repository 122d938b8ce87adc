package vn.loaxa.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's HTTPS certificate, or the fact that it serves plain HTTP. Loaded once at start-up
 * from the PKCS12 file the settings name, or from the one the station generated in
 * {@code <data-dir>/tls/station.p12} (generated on the first start with HTTPS on, and again when it
 * has less than {@link #RENEW_BEFORE} left). What browsers show as the certificate's SHA-256
 * fingerprint is {@link #fingerprint()}: logged at start-up and shown on the Settings page, so the
 * officer can compare it with what the browser shows before trusting it.
 */
public final class StationTls {

    public static final String GENERATED_FOLDER = "tls";
    public static final String GENERATED_FILE = "station.p12";
    /** A generated certificate this close to its end is replaced at start-up. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final String GENERATED_ALIAS = "loaxa";

    private static final Logger log = LoggerFactory.getLogger(StationTls.class);
    /** What a DNS name in a certificate may hold; a Windows name with other characters is left out. */
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");

    private final @Nullable KeyStore keyStore;
    private final @Nullable String alias;
    private final String password;
    private final @Nullable X509Certificate certificate;
    private final @Nullable Path file;
    private final boolean generated;

    private StationTls(@Nullable KeyStore keyStore, @Nullable String alias, String password,
                       @Nullable X509Certificate certificate, @Nullable Path file, boolean generated) {
        this.keyStore = keyStore;
        this.alias = alias;
        this.password = password;
        this.certificate = certificate;
        this.file = file;
        this.generated = generated;
    }

    public static StationTls off() {
        return new StationTls(null, null, "", null, null, false);
    }

    /** The certificate the settings ask for: none, the given keystore's, or the generated one. */
    public static StationTls load(TlsProperties settings, Path dataDir, @Nullable String listenAddress, Instant now) {
        if (!settings.enabled()) {
            return off();
        }
        if (settings.keystoreGiven()) {
            var path = settings.keystore().toAbsolutePath();
            var password = settings.keystorePassword() == null ? "" : settings.keystorePassword();
            var store = read(path, password);
            var alias = keyAlias(store, settings.keyAlias(), path);
            return new StationTls(store, alias, password, certificate(store, alias), path, false);
        }
        var path = dataDir.resolve(GENERATED_FOLDER).resolve(GENERATED_FILE).toAbsolutePath();
        if (Files.exists(path)) {
            var store = read(path, "");
            var current = certificate(store, GENERATED_ALIAS);
            if (current.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                return new StationTls(store, GENERATED_ALIAS, "", current, path, true);
            }
            log.warn("The generated HTTPS certificate (SHA-256 {}) ends on {}: generating a new one",
                    fingerprint(current), current.getNotAfter().toInstant());
        }
        var names = localNames(settings.hostnames(), listenAddress);
        var fresh = SelfSignedCertificate.generate(names.commonName(), names.dns(), names.addresses(), now);
        var store = write(path, fresh);
        log.info("Generated a self-signed HTTPS certificate for {} {} in {}", names.dns(), names.addresses(), path);
        return new StationTls(store, GENERATED_ALIAS, "", fresh.certificate(), path, true);
    }

    public boolean enabled() {
        return certificate != null;
    }

    /** The keystore, its entry and password, for Spring Boot's SSL bundle; only when {@link #enabled()}. */
    KeyStore keyStore() {
        return java.util.Objects.requireNonNull(keyStore);
    }

    String alias() {
        return java.util.Objects.requireNonNull(alias);
    }

    String password() {
        return password;
    }

    public @Nullable X509Certificate certificate() {
        return certificate;
    }

    /** The keystore file: the one the settings name, or the generated one. */
    public @Nullable Path file() {
        return file;
    }

    /** Whether the station made this certificate itself (browsers warn until it is trusted). */
    public boolean generated() {
        return generated;
    }

    /** SHA-256 of the certificate as browsers show it: upper-case hex pairs joined by colons; blank when off. */
    public String fingerprint() {
        return certificate == null ? "" : fingerprint(certificate);
    }

    /** The DNS names and addresses the certificate is for. */
    public List<String> names() {
        if (certificate == null) {
            return List.of();
        }
        try {
            var sans = certificate.getSubjectAlternativeNames();
            if (sans == null) {
                return List.of();
            }
            var names = new ArrayList<String>();
            for (var san : sans) {
                names.add(String.valueOf(san.get(1)));
            }
            return Collections.unmodifiableList(names);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore read(Path path, String password) {
        if (!Files.isRegularFile(path)) {
            throw new TlsSetupException("tls.error.missing", null, path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            throw new TlsSetupException("tls.error.unreadable", e, path, e.getMessage());
        }
    }

    private static String keyAlias(KeyStore store, @Nullable String wanted, Path path) {
        try {
            if (wanted != null && !wanted.isBlank()) {
                if (store.isKeyEntry(wanted)) {
                    return wanted;
                }
                throw new TlsSetupException("tls.error.noKey", null, path, wanted);
            }
            for (var aliases = store.aliases(); aliases.hasMoreElements(); ) {
                var alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
            throw new TlsSetupException("tls.error.noKey", null, path, "*");
        } catch (java.security.KeyStoreException e) {
            throw new TlsSetupException("tls.error.unreadable", e, path, e.getMessage());
        }
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            if (store.getCertificate(alias) instanceof X509Certificate x509) {
                return x509;
            }
            throw new IllegalStateException("no X.509 certificate under " + alias);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the key and certificate as PKCS12 readable by the station's account only (0600 in a
     * 0700 folder on Linux; on Windows the data folder's own permissions apply). The key has no
     * password of its own, like a web server's key file: the file's permissions are what protect
     * it, as for the database beside it. Written to a temporary file and moved into place, so a
     * power cut never leaves half a keystore.
     */
    private static KeyStore write(Path path, SelfSignedCertificate fresh) {
        var folder = path.getParent();
        try {
            var posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            } else {
                Files.createDirectories(folder);
            }
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(GENERATED_ALIAS, fresh.key().getPrivate(), new char[0],
                    new java.security.cert.Certificate[] {fresh.certificate()});
            var temp = posix
                    ? Files.createTempFile(folder, GENERATED_FILE, ".tmp", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, GENERATED_FILE, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    store.store(out, new char[0]);
                }
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return read(path, "");
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("tls.error.write", e, path, e.getMessage());
        }
    }

    /** The names a generated certificate is for. */
    record Names(String commonName, Set<String> dns, Set<InetAddress> addresses) {
    }

    /**
     * This PC's name, {@code localhost}, the extra names from the settings, and every address of
     * its interfaces (IPv6 link-local ones left out: a browser cannot be given those in a URL
     * without a zone), so https://192.168.1.20:8443 and https://DAI-GIOSON:8443 both match.
     */
    static Names localNames(List<String> extra, @Nullable String listenAddress) {
        var dns = new LinkedHashSet<String>();
        var addresses = new LinkedHashSet<InetAddress>();
        var host = hostName();
        if (host != null && DNS_NAME.matcher(host).matches()) {
            dns.add(host);
        }
        dns.add("localhost");
        var wanted = new ArrayList<>(extra);
        if (listenAddress != null && !listenAddress.isBlank()) {
            wanted.add(listenAddress);
        }
        for (var name : wanted) {
            var n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (isAddressLiteral(n)) {
                try {
                    var a = InetAddress.getByName(n);
                    if (!a.isAnyLocalAddress()) {
                        addresses.add(a);
                    }
                } catch (UnknownHostException e) {
                    log.warn("Not an address, left out of the certificate: {}", n);
                }
            } else if (DNS_NAME.matcher(n).matches()) {
                dns.add(n);
            } else {
                log.warn("Not a DNS name, left out of the certificate: {}", n);
            }
        }
        try {
            addresses.add(InetAddress.getByName("127.0.0.1"));
            addresses.add(InetAddress.getByName("::1"));
            for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (var a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLinkLocalAddress() && !a.isMulticastAddress()) {
                        addresses.add(a instanceof Inet6Address v6 && v6.getScopeId() != 0
                                ? InetAddress.getByAddress(v6.getAddress()) : a);
                    }
                }
            }
        } catch (SocketException | UnknownHostException e) {
            log.warn("Could not list this PC's addresses for the certificate: {}", e.getMessage());
        }
        return new Names(host != null && dns.contains(host) ? host : "localhost", dns, addresses);
    }

    private static boolean isAddressLiteral(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    private static @Nullable String hostName() {
        try {
            var name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank() && !name.equals("localhost")) {
                return name;
            }
        } catch (UnknownHostException e) {
            // Some PCs cannot resolve their own name; the variables still say it.
        }
        var env = System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME") : System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? null : env.strip();
    }
}
