package com.bakeryia.launcher;

import com.bakeryia.platform.deletion.DataServices;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Starts the services named by {@code --targets} (default: all of them) in this JVM, on one port; or,
 * when the first argument names one of the {@link Cli} tools, runs that tool alone and exits.
 */
@SpringBootApplication
@Import(TargetSelector.class)
public class BakeryPlatformApplication {

    /** Which services own tenant data, from the one list of targets (whether or not they run here). */
    @Bean
    DataServices dataServices() {
        return new DataServices(Target.dataServices());
    }

    public static void main(String[] args) {
        if (Cli.handles(args)) {
            // An offline tool (verify-certificate, ...), not the platform: Spring is never started.
            System.exit(Cli.run(args));
        }
        try {
            SpringApplication.run(BakeryPlatformApplication.class, args);
        } catch (RuntimeException startupFailure) {
            // Spring Boot has already reported why (one line per failure analysis); just exit non-zero.
            System.exit(1);
        }
    }
}
