package dev.hookline.bench.spring;

import dev.hookline.bench.StandardDeliveries;
import dev.hookline.routing.WebhookListener;
import org.springframework.stereotype.Component;

/** Handles the events of Hookline's endpoint: counts each, once its data is bound and checked. */
@Component
class HooklineListener {

    private final BenchCounters counters;

    HooklineListener(BenchCounters counters) {
        this.counters = counters;
    }

    @WebhookListener(value = StandardDeliveries.TYPE, endpoint = "hookline")
    void onInvoicePaid(InvoicePaid invoice) {
        if (invoice.id() == null || invoice.lines().isEmpty()) {
            throw new IllegalStateException("the invoice's data did not bind");
        }
        counters.hookline.increment();
    }
}
