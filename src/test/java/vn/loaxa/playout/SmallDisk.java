package vn.loaxa.playout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A small file system of its own (tmpfs of a fixed size) that a test can fill to the last byte, as
 * a station PC's disk fills with recordings and downloads. Mounting needs root: without it the test
 * is skipped on a developer machine and fails under {@code CI=true}, where .ci/run runs as root.
 */
final class SmallDisk implements AutoCloseable {

    private final Path dir;
    private final Path filler;
    private boolean mounted;

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code dir} (created if missing). */
    static SmallDisk mount(Path dir, int megabytes) throws Exception {
        Files.createDirectories(dir);
        var disk = new SmallDisk(dir);
        String why = null;
        if (!"0".equals(output("id", "-u").strip())) {
            why = "mounting a small file system needs root";
        } else {
            var failure = failure("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
            if (failure != null) {
                why = "mount -t tmpfs failed: " + failure;
            }
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + why + " (.ci/run runs as root)");
            }
            Assumptions.abort("Skipped: " + why + "; run the test as root to fill a disk for real");
        }
        disk.mounted = true;
        return disk;
    }

    Path dir() {
        return dir;
    }

    /** Writes a file until the file system refuses (ENOSPC); returns the bytes it took. */
    long fill() throws IOException {
        long written = 0;
        var block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        // A 64 KB block may not have fitted where a smaller write would: go on byte by byte.
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            // Full.
        }
        return written;
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Deletes what {@link #fill()} wrote: the disk has room again. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts; call it after the process using the disk has ended. */
    @Override
    public void close() throws Exception {
        if (mounted) {
            if (failure("umount", dir.toString()) != null) {
                // A file still open (a process slow to exit): detach now, the kernel frees it later.
                failure("umount", "-l", dir.toString());
            }
            mounted = false;
        }
    }

    private static String output(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String failure(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command[0] + " did not finish";
        }
        return process.exitValue() == 0 ? null : output.isEmpty() ? command[0] + " exited " + process.exitValue() : output;
    }
}
