package vn.loaxa.library;

import java.io.IOException;
import java.nio.file.Files;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.loaxa.base.OwnerOnly;

/**
 * Multipart uploads to the API ({@code /api/library}, {@code /api/schedules/import}) go to disk as
 * they arrive, into the library's staging folder, with the servlet's limits checked while they
 * stream ({@code spring.servlet.multipart.*}: larger parts than {@code file-size-threshold} are never
 * held in memory). The staging folder and not the system's temporary folder: on many Linux
 * systems that is a RAM disk, and the library's own copy goes there anyway.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfig {

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, LibraryProperties library)
            throws IOException {
        // The audio folder first, readable by the station's account only, before its staging folder inside.
        OwnerOnly.createDirectories(library.audioDir());
        var configured = multipart.createMultipartConfig();
        var location = configured.getLocation();
        if (location == null || location.isBlank()) {
            // Absolute: the servlet container reads a relative location against its own work folder.
            var dir = library.incomingDir().toAbsolutePath().normalize();
            Files.createDirectories(dir);
            location = dir.toString();
        }
        return new MultipartConfigElement(location, configured.getMaxFileSize(), configured.getMaxRequestSize(),
                configured.getFileSizeThreshold());
    }
}
