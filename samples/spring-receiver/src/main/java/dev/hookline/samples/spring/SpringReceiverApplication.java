package dev.hookline.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Receives Exa, Encrata and Standard Webhooks deliveries on {@code /webhooks/exa}, {@code /webhooks/encrata} and
 * {@code /webhooks/standard}. The endpoints come from {@code application.properties}; the handlers are the
 * {@code @WebhookListener} methods of {@link ReceiverListeners}.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code EXA_WEBHOOK_SECRET}, {@code ENCRATA_WEBHOOK_SECRET} and
 * {@code STANDARD_WEBHOOK_SECRET}; a missing secret falls back to a demo secret, announced on standard error.
 * Standard output carries one line per event whose handlers ran:
 * {@code handled provider=<provider> type=<event type> id=<event id>}.
 */
@SpringBootApplication
public class SpringReceiverApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringReceiverApplication.class, args);
    }
}
