package dev.hookline.spring;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.servlet.DeliveryReceiver;
import java.time.Instant;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The receiver of endpoints with {@code mode=inbox}: stores each verified delivery in the {@link JdbcInbox}, and
 * tells the application's outcome observers (metrics) and error handler what the sender was answered, but for
 * stored events, whose outcome they hear when a worker dispatches them. Thread-safe.
 */
final class InboxDeliveryReceiver implements DeliveryReceiver {

    private static final Log LOG = LogFactory.getLog(InboxDeliveryReceiver.class);

    private final JdbcInbox inbox;
    private final ObjectProvider<OutcomeObserver> observerBeans;
    private final ObjectProvider<WebhookErrorHandler> errorHandlerBean;
    private volatile List<OutcomeObserver> observers;

    InboxDeliveryReceiver(JdbcInbox inbox, ObjectProvider<OutcomeObserver> observers,
                          ObjectProvider<WebhookErrorHandler> errorHandler) {
        this.inbox = inbox;
        this.observerBeans = observers;
        this.errorHandlerBean = errorHandler;
    }

    @Override
    public Outcome receive(WebhookEndpoint endpoint, Delivery delivery, Instant receivedAt) {
        Outcome outcome = inbox.receive(endpoint, delivery, receivedAt);
        if (outcome.status() != Outcome.Status.ACCEPTED) {
            tell(outcome);
        }
        return outcome;
    }

    private void tell(Outcome outcome) {
        List<OutcomeObserver> known = observers;
        if (known == null) {
            known = observerBeans.orderedStream().toList();
            observers = known;
        }
        for (OutcomeObserver observer : known) {
            try {
                observer.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOG.warn("Outcome observer " + observer.getClass().getName() + " failed on endpoint "
                        + outcome.endpoint(), e);
            }
        }
        if (outcome.status() == Outcome.Status.FAILED) {
            errorHandlerBean.ifAvailable(handler -> {
                try {
                    handler.handleFailure(outcome);
                } catch (RuntimeException e) {
                    LOG.warn("Webhook error handler failed on endpoint " + outcome.endpoint(), e);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "InboxDeliveryReceiver[" + inbox.table() + "]";
    }
}
