package dev.hookline.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * One Spring Boot application on Tomcat, bound to 127.0.0.1, with three endpoints that receive the same Standard
 * Webhooks deliveries, for measuring them side by side under the same load:
 *
 * <ul>
 *   <li>{@code POST /webhooks/hookline}: the Hookline starter, configured in {@code application.properties}, with
 *       in-memory deduplication and a {@code @WebhookListener} that receives the data bound to {@link InvoicePaid};</li>
 *   <li>{@code POST /webhooks/handwritten}: what a careful controller does without Hookline: the body as a
 *       {@code String}, the Standard Webhooks library's {@code verify}, Jackson's {@code readTree};</li>
 *   <li>{@code POST /webhooks/bare}: reads the body and answers, the least any receiver does.</li>
 * </ul>
 *
 * <p>Each answers 204 for a delivery it handled. {@code GET /stats} answers what each endpoint has handled, and
 * Hookline's outcomes, as one JSON object of counts. Logging is at WARN: nothing is written per request.
 *
 * <p>Arguments: {@code --server.port=N} (default 18080) and {@code --bench.max-seconds=N} (default 900), after which
 * the application stops by itself whatever happens to the runner, and {@code --bench.max-entries=N} (default 10000),
 * the events Hookline's deduplicator remembers.
 */
@SpringBootApplication
public class SpringHttpBenchApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SpringHttpBenchApplication.class, args);
        Environment environment = context.getEnvironment();
        long maxSeconds = environment.getRequiredProperty("bench.max-seconds", Long.class);
        System.out.println("listening port=" + environment.getProperty("local.server.port") + " cpus="
                + Runtime.getRuntime().availableProcessors() + " max-seconds=" + maxSeconds);

        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return; // the application is stopping anyway
            }
            System.out.println("max-seconds reached, stopping");
            System.exit(SpringApplication.exit(context));
        }, "bench-stopper");
        stopper.setDaemon(true);
        stopper.start();
    }
}
