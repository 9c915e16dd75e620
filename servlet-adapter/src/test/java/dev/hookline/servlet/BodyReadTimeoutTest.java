package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The whole body must arrive within the read deadline, counted from the request's receipt. */
class BodyReadTimeoutTest {

    private static final Duration DEADLINE = Duration.ofMillis(500);

    /** Far below the test server's idle timeout (30 s), far above the deadline on a busy machine. */
    private static final Duration WELL_BEFORE_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger handled = new AtomicInteger();
    private final List<String> refusals = new ArrayList<>();

    private WebhookEndpoint endpoint() {
        return Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
    }

    private WebhookServletOptions options(Duration deadline) {
        return WebhookServletOptions.builder().bodyReadTimeout(deadline)
                .refusalObserver((endpoint, failure) -> {
                    synchronized (refusals) {
                        refusals.add(failure.code());
                    }
                })
                .build();
    }

    private List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** The head of a signed delivery of {@code body}, declaring its length. */
    private static byte[] head(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(Deliveries.sign(body));
        headers.put("Content-Length", Integer.toString(body.length));
        return TestServer.rawHead(headers);
    }

    /** Sends the head and the first {@code sent} bytes of the body, keeps the connection open, reads the answer. */
    private static Answer sendPart(TestServer server, byte[] body, int sent) throws IOException {
        try (Socket socket = server.connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head(body));
            out.write(body, 0, sent);
            out.flush();
            String response = TestServer.readResponse(socket.getInputStream());
            return new Answer(response, Duration.ofNanos(System.nanoTime() - start), endsAfter(socket.getInputStream()));
        }
    }

    /** Whether the server closed the connection after its answer (rather than waiting for more). */
    private static boolean endsAfter(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private record Answer(String response, Duration elapsed, boolean closed) {
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408AtTheDeadline() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), options(DEADLINE))) {
            byte[] body = Deliveries.body("evt_stalled");

            Answer answer = sendPart(server, body, body.length / 2);

            assertRawProblem(answer.response(), 408, RequestFailure.BODY_READ_TIMEOUT);
            assertThat(TestServer.closesConnection(answer.response())).isTrue();
            assertThat(answer.closed()).as("the connection ends after the answer").isTrue();
            assertThat(answer.elapsed()).isGreaterThanOrEqualTo(DEADLINE).isLessThan(WELL_BEFORE_IDLE_TIMEOUT);
            assertThat(refusals()).containsExactly("body_read_timeout");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aRequestWhoseBodyNeverStartsIsAnswered408AtTheDeadline() throws Exception {
        try (TestServer server = TestServer.filter(endpoint(), options(DEADLINE))) {
            byte[] body = Deliveries.body("evt_never_started");

            Answer answer = sendPart(server, body, 0);

            assertRawProblem(answer.response(), 408, RequestFailure.BODY_READ_TIMEOUT);
            assertThat(answer.elapsed()).isGreaterThanOrEqualTo(DEADLINE).isLessThan(WELL_BEFORE_IDLE_TIMEOUT);
            assertThat(refusals()).containsExactly("body_read_timeout");
            assertThat(handled).hasValue(0);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    @Test
    void aTrickledBodyIsCutOffAtTheDeadlineRatherThanAccepted() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), options(DEADLINE))) {
            assertTrickleIsCutOff(server);
        }
    }

    @Test
    void withoutAsyncSupportATrickledBodyIsCutOffAtTheFirstReadPastTheDeadline() throws Exception {
        try (TestServer server = TestServer.blockingServlet(endpoint(), options(DEADLINE))) {
            assertTrickleIsCutOff(server);
        }
    }

    @Test
    void withoutAsyncSupportTheFilterKeepsTheDeadlineBetweenReadsToo() throws Exception {
        try (TestServer server = TestServer.blockingFilter(endpoint(), options(DEADLINE))) {
            assertTrickleIsCutOff(server);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    /** Sends a byte of the body every 50 ms, which would take 20 s for the whole of it. */
    private void assertTrickleIsCutOff(TestServer server) throws Exception {
        byte[] body = Deliveries.bodyOfSize("evt_trickled", 400);
        AtomicBoolean answered = new AtomicBoolean();
        ExecutorService trickler = Executors.newSingleThreadExecutor();
        try (Socket socket = server.connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head(body));
            out.flush();
            Future<?> trickling = trickler.submit(() -> {
                for (int i = 0; i < body.length && !answered.get(); i++) {
                    out.write(body[i]);
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                return null;
            });

            String response = TestServer.readResponse(socket.getInputStream());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            answered.set(true);

            assertRawProblem(response, 408, RequestFailure.BODY_READ_TIMEOUT);
            assertThat(TestServer.closesConnection(response)).isTrue();
            assertThat(elapsed).isGreaterThanOrEqualTo(DEADLINE).isLessThan(WELL_BEFORE_IDLE_TIMEOUT);
            assertThat(refusals()).containsExactly("body_read_timeout");
            assertThat(handled).hasValue(0);
            try {
                trickling.get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException writeFailed) {
                // the server closed the connection under the trickle, as it should
            }
        } finally {
            trickler.shutdownNow();
        }
    }

    @Test
    void theHandlersTimeIsNotBoundByTheReadDeadline() throws Exception {
        Duration deadline = Duration.ofMillis(200);
        Duration handling = deadline.multipliedBy(4);
        WebhookEndpoint slow = Deliveries.endpoint().onAny(event -> {
            long until = System.nanoTime() + handling.toNanos();
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            handled.incrementAndGet();
        }).build();
        try (TestServer server = TestServer.servlet(slow, options(deadline))) {
            byte[] body = Deliveries.body("evt_slow_handler");
            long start = System.nanoTime();

            var response = server.post(body, Deliveries.sign(body));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(handling);
            assertThat(handled).hasValue(1);
            assertThat(refusals()).isEmpty();
        }
    }

    @Test
    void aBodyThatArrivesAroundTheDeadlineIsAnsweredExactlyOnceEitherWay() throws Exception {
        Duration deadline = Duration.ofMillis(30);
        int requests = 30;
        try (TestServer server = TestServer.servlet(endpoint(), options(deadline))) {
            int accepted = 0;
            int timedOut = 0;
            for (int i = 0; i < requests; i++) {
                byte[] body = Deliveries.body("evt_race_" + i);
                try (Socket socket = server.connect()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(head(body));
                    out.write(body, 0, body.length - 1);
                    out.flush();
                    // the last byte goes out around the deadline: 20 to 40 ms after the head
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + i % 21));
                    try {
                        out.write(body, body.length - 1, 1);
                        out.flush();
                    } catch (IOException closedAlready) {
                        // answered 408 and closed before the last byte
                    }
                    InputStream in = socket.getInputStream();
                    String response = TestServer.readResponse(in);
                    if (response.startsWith("HTTP/1.1 204 ")) {
                        accepted++;
                    } else {
                        assertRawProblem(response, 408, RequestFailure.BODY_READ_TIMEOUT);
                        timedOut++;
                    }
                    // nothing follows the one answer: a second would start before the connection ends
                    socket.setSoTimeout(100);
                    String after;
                    try {
                        after = TestServer.readResponse(in);
                    } catch (SocketTimeoutException keptOpen) {
                        after = "";
                    } catch (IOException reset) {
                        after = "";
                    }
                    assertThat(after).as("anything after the answer to request " + i).isEmpty();
                }
            }

            assertThat(accepted + timedOut).isEqualTo(requests);
            assertThat(handled).hasValue(accepted);
            assertThat(refusals()).hasSize(timedOut).containsOnly("body_read_timeout");
        }
    }

    @Test
    void anEmptyBodyIsHandedOverAtOnceWithoutWaitingForTheDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(20);
        try (TestServer server = TestServer.servlet(endpoint(), options(deadline))) {
            long start = System.nanoTime();

            var response = server.send(server.request().POST(HttpRequest.BodyPublishers.noBody()));

            TestServer.assertProblem(response, 401, SignatureFailure.MISSING_SIGNATURE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.dividedBy(2));
            assertThat(refusals()).isEmpty();
        }
    }

    @Test
    void aBodyThatArrivesInPartsWithinTheDeadlineIsDeliveredWhole() throws Exception {
        try (TestServer blocking = TestServer.blockingServlet(endpoint(), options(DEADLINE));
             TestServer async = TestServer.servlet(endpoint(), options(DEADLINE))) {
            for (TestServer server : List.of(blocking, async)) {
                byte[] body = Deliveries.body("evt_in_parts_" + handled.get());
                try (Socket socket = server.connect()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(head(body));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // the first half is there to read well before the rest is sent
                    LockSupport.parkNanos(DEADLINE.toNanos() / 5);
                    out.write(body, body.length / 2, body.length - body.length / 2);
                    out.flush();

                    assertThat(TestServer.readResponse(socket.getInputStream())).startsWith("HTTP/1.1 204 ");
                }
            }

            assertThat(handled).hasValue(2);
            assertThat(refusals()).isEmpty();
        }
    }

    @Test
    void aWholeBodyWithinTheDeadlineIsDelivered() throws Exception {
        try (TestServer server = TestServer.blockingServlet(endpoint(), options(DEADLINE));
             TestServer async = TestServer.servlet(endpoint(), options(DEADLINE))) {
            byte[] body = Deliveries.body("evt_in_time");
            byte[] other = Deliveries.body("evt_in_time_async");

            assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(204);
            assertThat(async.post(other, Deliveries.sign(other)).statusCode()).isEqualTo(204);
            assertThat(handled).hasValue(2);
            assertThat(refusals()).isEmpty();
        }
    }
}
