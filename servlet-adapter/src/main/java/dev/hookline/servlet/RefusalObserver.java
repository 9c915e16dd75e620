package dev.hookline.servlet;

/**
 * Told of every request that a {@link WebhookFilter} or {@link WebhookServlet} answers itself, before its
 * endpoint sees it: a method other than POST (405), a body over the limit (413), a body cut short (400) or a body
 * that did not arrive within the read deadline (408). Each such request is told once.
 *
 * <p>Such requests never become a delivery, so the endpoint's {@link dev.hookline.OutcomeObserver}s are not
 * told of them; this is the hook for counting them too. Called on a container thread (not always the one that
 * began the request, since bodies are read asynchronously), before the response is written; keep it quick. An
 * exception it throws is reported to {@link System.Logger} and does not change the response.
 */
@FunctionalInterface
public interface RefusalObserver {

    /**
     * Observes one refused request.
     *
     * @param endpoint the name of the endpoint the request was meant for
     * @param failure why it was refused
     */
    void onRefusal(String endpoint, RequestFailure failure);
}
