package vn.loaxa;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import vn.loaxa.backup.RestoreCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LoaXaApplication {

    public static void main(String[] args) {
        // A restore runs alone, before Spring: nothing of the station may open the database meanwhile.
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(RestoreCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(LoaXaApplication.class, args);
    }
}
