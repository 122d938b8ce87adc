package vn.loaxa.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file rendered whole into a temporary file before a byte of it is sent. Streaming a report
 * straight into the response sent its headers and then reset the connection when rendering failed
 * half-way; rendered first, a failure is a clear error and a success has its exact length.
 */
public final class RenderedFile implements AutoCloseable {

    @FunctionalInterface
    public interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(RenderedFile.class);

    private final Path path;

    private RenderedFile(Path path) {
        this.path = path;
    }

    /**
     * Renders {@code writing} into a temporary file. A busy or full database stays what it is (the
     * caller answers 503 or 507); any other failure becomes a {@link ReportFailedException} naming
     * {@code what}, and the temporary file is gone.
     */
    public static RenderedFile render(String what, Writing writing) {
        Path path;
        try {
            path = Files.createTempFile("loaxa-", ".render");
        } catch (IOException e) {
            throw new ReportFailedException("No room to render " + what + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            writing.to(out);
        } catch (IOException | RuntimeException e) {
            delete(path);
            if (e instanceof RuntimeException runtime && SqliteErrors.troubleOf(runtime).isPresent()) {
                throw runtime;
            }
            if (e instanceof ReportFailedException failed) {
                throw failed;
            }
            throw new ReportFailedException("Rendering " + what + " failed: " + e.getMessage(), e);
        }
        return new RenderedFile(path);
    }

    public long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new ReportFailedException("The rendered file vanished: " + e.getMessage(), e);
        }
    }

    /**
     * The content, once; the temporary file is removed when the stream is closed (on Linux at once:
     * take {@link #size()} first).
     */
    public InputStream open() throws IOException {
        return Files.newInputStream(path, StandardOpenOption.DELETE_ON_CLOSE);
    }

    public void sendTo(OutputStream out) throws IOException {
        try (var in = Files.newInputStream(path)) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", path, e.getMessage());
        }
    }
}
