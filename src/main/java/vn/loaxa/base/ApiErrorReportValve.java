package vn.loaxa.base;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error answers, for requests it refuses before Spring sees them: a request line over
 * its limit, an encoded NUL or slash in the path, a malformed header. Tomcat's default is an HTML
 * page naming Tomcat and its version; an API caller gets the API's JSON error
 * ({@code {"error", "code", "detail"}}) instead, and everyone else the page without the server's
 * name and version (decision 0017). A request whose path Tomcat could not even read is answered
 * as the API would: it comes from a program, not from a person's browser.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        var uri = request.getRequestURI();
        int status = response.getStatus();
        boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/") || uri.equals("/api");
        if (!api || status < 400 || status >= 500) {
            super.report(request, response, throwable);
            return;
        }
        if (response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var body = ApiErrors.body(Texts.localeOf(request.getHeader("Accept-Language")), "error.api.badRequest",
                status == 400 ? "BAD_REQUEST" : "HTTP_" + status,
                "the web server could not read the request (its line, path or headers)");
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(ApiErrors.json(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the answer has begun: nothing more can be said.
        }
    }

    /** Installs the valve on Tomcat's host before it starts, in place of the default error page. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                }
            });
        }
    }
}
