package dev.hookline.test;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a test of an application without Spring does with the kit: build, send to an endpoint and over HTTP,
 * assert. Run by {@link WithoutSpringTest} in a class loader that holds nothing but the kit, core and Jackson.
 */
public final class WithoutSpringScenario implements Callable<String> {

    @Override
    public String call() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(TestSecrets.EXA)
                .onAny(event -> handled.add(event.type())).build();
        SignedDelivery.Builder item = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA)
                .sample("webset.item.created");

        WebhookAssertions.assertAccepted(item.build().sendTo(endpoint));
        WebhookAssertions.assertRejected(item.tampered().build().sendTo(endpoint), SignatureFailure.NO_MATCHING_SIGNATURE);
        try (TestReceiver receiver = TestReceiver.start(endpoint)) {
            WebhookResponse response = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle")
                    .stale().build().postTo(receiver.uri());
            WebhookAssertions.assertRefused(response, 401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            return handled + " " + response;
        }
    }
}
