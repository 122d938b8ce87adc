package vn.loaxa.audit;

import com.vaadin.flow.server.VaadinSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import vn.loaxa.audit.AuditRecords.Via;

/**
 * Where a person's action came from: the API (a request under {@code /api/}) or the web UI
 * (anything else: pages, the login form), and the client's address as the server saw it. Work a
 * view hands to another thread takes both along with {@link #carry}.
 */
public record AuditOrigin(Via via, @Nullable String address) {

    private static final ThreadLocal<@Nullable AuditOrigin> CARRIED = new ThreadLocal<>();

    /** The origin of the work on this thread. */
    public static AuditOrigin current() {
        var carried = CARRIED.get();
        if (carried != null) {
            return carried;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var request = attributes.getRequest();
            var path = request.getRequestURI().substring(request.getContextPath().length());
            return new AuditOrigin(path.startsWith("/api/") ? Via.API : Via.UI, request.getRemoteAddr());
        }
        // A Vaadin request over push has no servlet request on the thread; the session knows the browser.
        var session = VaadinSession.getCurrent();
        if (session != null && session.getBrowser() != null) {
            return new AuditOrigin(Via.UI, session.getBrowser().getAddress());
        }
        return new AuditOrigin(Via.UI, null);
    }

    /**
     * {@code work} to run on another thread as if on this one: the signed-in person and the origin go
     * with it, so what it changes is audited under the person who asked, from where they asked.
     */
    public static Runnable carry(Runnable work) {
        var security = SecurityContextHolder.getContext();
        var origin = current();
        return () -> {
            var previousSecurity = SecurityContextHolder.getContext();
            var previousOrigin = CARRIED.get();
            SecurityContextHolder.setContext(security);
            CARRIED.set(origin);
            try {
                work.run();
            } finally {
                CARRIED.set(previousOrigin);
                SecurityContextHolder.setContext(previousSecurity);
            }
        };
    }
}
