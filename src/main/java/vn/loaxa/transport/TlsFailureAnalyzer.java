package vn.loaxa.transport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import vn.loaxa.base.Texts;

/** The reason HTTPS could not start as Spring Boot's short report, in Vietnamese then English. */
final class TlsFailureAnalyzer extends AbstractFailureAnalyzer<TlsSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TlsSetupException cause) {
        var description = Texts.get(Texts.VIETNAMESE, cause.key(), cause.args()) + "\n"
                + Texts.get(Texts.ENGLISH, cause.key(), cause.args());
        var action = Texts.get(Texts.VIETNAMESE, "tls.error.action") + "\n" + Texts.get(Texts.ENGLISH, "tls.error.action");
        return new FailureAnalysis(description, action, cause);
    }
}
