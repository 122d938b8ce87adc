package vn.loaxa.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Swagger UI at {@code /swagger-ui.html} (→ {@code /swagger-ui/index.html}, as springdoc had it), from
 * the {@code org.webjars:swagger-ui} jar, with an initializer of ours that reads {@code /v3/api-docs}.
 * Spring MVC's handler mappings come before the Vaadin servlet's, so Vaadin does not take these
 * paths. Who may open it: {@code SecurityConfig} (admins only).
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUi implements WebMvcConfigurer {

    /** Ours first: the webjar's own initializer shows the Petstore example. */
    static final String OWN_FILES = "classpath:/openapi/swagger-ui/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/swagger-ui/**")
                .addResourceLocations(OWN_FILES, "classpath:/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/swagger-ui.html", "/swagger-ui/index.html");
    }

    /**
     * The webjar's files sit under its version; read from the jar itself so that raising the version
     * in the pom is all an upgrade takes.
     */
    static String webjarVersion() {
        var properties = new Properties();
        try (var in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The swagger-ui webjar is not on the class path", e);
        }
        var version = properties.getProperty("version");
        if (version == null) {
            throw new IllegalStateException("The swagger-ui webjar names no version");
        }
        return version;
    }
}
