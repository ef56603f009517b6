package com.bakeryia.orchestrator.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.bakeryia.platform.ServiceModule;
import com.bakeryia.platform.config.BakeryProperties;
import com.bakeryia.platform.security.PublicPaths;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console at {@code /console/}: plain HTML, CSS and JavaScript modules packed in this
 * module's jar under {@code console/} (not {@code static/}, which every process would serve), served
 * only where the deletion orchestrator runs, without a token (the pages hold no data; every call they
 * make is an API call with the person's own bearer token), with a strict Content-Security-Policy.
 * {@code /console/config.json} tells the pages where to sign in ({@link ConsoleSignIn}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

    static final String BASE = "/console";
    static final String CONFIG_PATH = BASE + "/config.json";
    private static final String LOCATION = "classpath:/console/";

    private final ConsoleSignIn signIn;

    ConsoleConfiguration(ConsoleProperties console, BakeryProperties bakery, List<ServiceModule> modules) {
        boolean authRunsHere = modules.stream().anyMatch(module -> module.name().equals("auth"));
        this.signIn = ConsoleSignIn.resolve(console, authRunsHere, bakery.service("auth").url());
    }

    /** The pages and their assets are public: without a token there is nothing in them to see. */
    @Bean
    PublicPaths consolePublicPaths() {
        return PublicPaths.of(BASE, BASE + "/**");
    }

    @Bean
    ConsoleConfigController consoleConfigController() {
        return new ConsoleConfigController(signIn);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Revalidated on every load (a cheap 304 while unchanged), so a new release takes effect at
        // the next load; the ETag is the content's hash, as a jar's entry times may all be the same.
        registry.addResourceHandler(BASE + "/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .setUseLastModified(false)
                .setEtagGenerator(ConsoleConfiguration::contentHash);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(BASE, BASE + "/");
        registry.addViewController(BASE + "/").setViewName("forward:" + BASE + "/index.html");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleHeaders(signIn)).addPathPatterns(BASE, BASE + "/**");
    }

    private static String contentHash(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read console asset " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
