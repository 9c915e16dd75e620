package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.servlet.WebhookServlet;
import dev.hookline.servlet.WebhookServletOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The inbox as the servlet adapter's receiver, over HTTP on a real Jetty: 204 once the event is committed, the
 * endpoint's refusal for a forgery, and 503 with Retry-After when the database is out of reach.
 */
class InboxServletTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static HikariDataSource dataSource;

    @BeforeAll
    static void createTables() {
        dataSource = TestDatabase.pool("inbox-servlet", 3);
        JdbcSchema.withPrefix(PREFIX).apply(dataSource);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (dataSource != null) {
            TestDatabase.dropTables(dataSource, PREFIX);
            dataSource.close();
        }
    }

    /** Jetty with one servlet at /webhooks/exa whose receiver is the inbox. */
    private static Server serve(WebhookEndpoint endpoint, DataSource database) throws Exception {
        JdbcInbox inbox = JdbcInbox.builder(database).tablePrefix(PREFIX).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(new WebhookServlet(endpoint, WebhookServletOptions.builder()
                .receiver(inbox::receive).retryAfter(Duration.ofSeconds(15)).logFailures(false).build()));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/webhooks/exa");
        server.setHandler(context);
        server.start();
        return server;
    }

    private static HttpResponse<String> post(Server server, Delivery delivery) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/exa"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        for (String name : delivery.headers().names()) {
            for (String value : delivery.headers().all(name)) {
                request.header(name, value);
            }
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeliveryIsAnswered204OnceItsEventIsCommittedAndBeforeAnyHandlerRuns() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        WebhookEndpoint endpoint = InboxEvents.endpoint("ep_" + UUID.randomUUID().toString().substring(0, 8))
                .onAny(event -> handled.incrementAndGet()).build();
        JdbcInbox reader = JdbcInbox.builder(dataSource).tablePrefix(PREFIX).build();
        String id = "evt_" + UUID.randomUUID();
        Server server = serve(endpoint, dataSource);
        try {
            HttpResponse<String> first = post(server, InboxEvents.delivery(id));
            assertThat(first.statusCode()).isEqualTo(204);
            assertThat(reader.find(endpoint.name(), id)).as("committed before the answer")
                    .hasValueSatisfying(row -> assertThat(row.state()).isEqualTo(InboxState.PENDING));

            assertThat(post(server, InboxEvents.delivery(id)).statusCode()).as("a redelivery").isEqualTo(204);
            assertThat(reader.list(InboxState.PENDING, InboxFilter.all().endpoint(endpoint.name()), 10)).hasSize(1);

            Delivery genuine = InboxEvents.delivery("evt_" + UUID.randomUUID());
            byte[] tampered = genuine.body().clone();
            tampered[tampered.length - 3] ^= 1;
            HttpResponse<String> forged = post(server, Delivery.of(genuine.headers(), tampered));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).contains("\"reason\":\"no_matching_signature\"");
            assertThat(reader.list(InboxState.PENDING, InboxFilter.all().endpoint(endpoint.name()), 10)).hasSize(1);
            assertThat(handled).hasValue(0);
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnreachableDatabaseIsAnswered503WithRetryAfterAndNoDetail() throws Exception {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(5);
        WebhookEndpoint endpoint = InboxEvents.endpoint("ep_down").build();
        Server server = serve(endpoint, unreachable);
        try {
            HttpResponse<String> response = post(server, InboxEvents.delivery("evt_" + UUID.randomUUID()));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
            assertThat(response.body()).contains("\"reason\":\"inbox_unavailable\"")
                    .doesNotContain("SQLState", "127.0.0.1", InboxEvents.PAYLOAD_MARKER);
        } finally {
            server.stop();
        }
    }
}
