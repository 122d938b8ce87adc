package vn.loaxa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LoaXaApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoaXaApplication.class, args);
    }
}
