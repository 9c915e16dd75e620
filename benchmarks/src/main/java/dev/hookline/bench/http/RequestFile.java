package dev.hookline.bench.http;

import dev.hookline.bench.ExaDeliveries;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes complete HTTP/1.1 requests, each a signed Exa delivery with its own event id, for the wrk
 * script to send in turn: a Lua script cannot compute HMAC-SHA256, and signing while sending would
 * load the generator. Every request is signed now, so the file is to be used within the five-minute
 * tolerance; the runner writes it just before each run.
 *
 * <p>Format: for each request, its length in bytes in decimal, a newline, then the request's bytes.
 *
 * <p>Arguments: {@code --out FILE --count N --size BYTES --port N [--first N]}.
 */
public final class RequestFile {

    private RequestFile() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Args.parse(args);
        Path out = Path.of(options.get("out"));
        int count = Integer.parseInt(options.getOrDefault("count", "50000"));
        int size = Integer.parseInt(options.getOrDefault("size", "1024"));
        int port = Integer.parseInt(options.getOrDefault("port", "18080"));
        long first = Long.parseLong(options.getOrDefault("first", "0"));

        ExaDeliveries deliveries = new ExaDeliveries(size);
        Instant now = Instant.now();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                byte[] body = deliveries.payloads().withId(first + i);
                StringBuilder head = new StringBuilder(256)
                        .append("POST ").append(BenchServer.PATH).append(" HTTP/1.1\r\n")
                        .append("Host: 127.0.0.1:").append(port).append("\r\n")
                        .append("Content-Type: application/json\r\n")
                        .append("Content-Length: ").append(body.length).append("\r\n");
                deliveries.sign(body, now).forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
                head.append("\r\n");
                byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
                file.write(Integer.toString(headBytes.length + body.length).getBytes(StandardCharsets.US_ASCII));
                file.write('\n');
                file.write(headBytes);
                file.write(body);
            }
        }
        System.out.println("wrote " + count + " requests of " + size + "-byte bodies, events " + first + ".."
                + (first + count - 1) + ", to " + out);
    }
}
