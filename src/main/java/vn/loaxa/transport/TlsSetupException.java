package vn.loaxa.transport;

/**
 * HTTPS was asked for and cannot be served: the keystore is missing, unreadable, holds no key, or the
 * generated one cannot be written. The station does not start on plain HTTP instead: an officer who
 * turned HTTPS on must not find the passwords travelling in clear without noticing.
 */
public final class TlsSetupException extends RuntimeException {

    private final String key;
    private final Object[] args;

    TlsSetupException(String key, Throwable cause, Object... args) {
        super(vn.loaxa.base.Texts.get(vn.loaxa.base.Texts.ENGLISH, key, args), cause);
        this.key = key;
        this.args = args;
    }

    /** A translation key under {@code tls.error.}, for the start-up report in Vietnamese and English. */
    String key() {
        return key;
    }

    Object[] args() {
        return args.clone();
    }
}
