package vn.loaxa.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import vn.loaxa.audio.mp3.Mp3Conformance;

/**
 * The in-process part of bench/run: every figure is printed as {@code BENCH <name> <value>}.
 * Arguments: a scratch folder, and the conformance vectors folder.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        var work = Path.of(args[0]);
        var vectors = Path.of(args[1]);
        Files.createDirectories(work);

        ScheduleBench.run();
        ReportBench.run(work);
        vn.loaxa.backup.BackupBench.run(work);

        DecodeBench.run(DecodeBench.makeFiveMinuteMp3(work));
        if (Files.isDirectory(vectors)) {
            var results = Mp3Conformance.run(vectors);
            long full = results.stream().filter(Mp3Conformance.Result::full).count();
            results.forEach(r -> System.err.println(r.line()));
            System.out.println("BENCH mp3_conformance_full " + full + "/" + results.size());
        } else {
            System.err.println("bench: no conformance vectors at " + vectors + ", mp3_conformance_full not measured");
        }

        HashBench.run(work);
        PlayoutBench.run(work);
    }
}
