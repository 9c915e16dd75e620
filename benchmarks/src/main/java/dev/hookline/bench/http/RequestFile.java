package dev.hookline.bench.http;

import dev.hookline.bench.ExaDeliveries;
import dev.hookline.bench.StandardDeliveries;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Writes complete HTTP/1.1 requests, each a signed delivery with its own event id, for the wrk script to send in
 * turn: a Lua script cannot compute HMAC-SHA256, and signing while sending would load the generator. Every request
 * is signed now, so the file is to be used within the five-minute tolerance; the runner writes it just before each
 * run.
 *
 * <p>Deliveries are Exa {@code webset.item.created} events ({@link ExaDeliveries}), or with
 * {@code --provider standard} Standard Webhooks {@code invoice.paid} events ({@link StandardDeliveries}).
 *
 * <p>Format: for each request, its length in bytes in decimal, a newline, then the request's bytes.
 *
 * <p>Arguments: {@code --out FILE --count N --size BYTES --port N [--first N] [--provider exa|standard]
 * [--path PATH]}; the path defaults to {@value BenchServer#PATH}.
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
        String provider = options.getOrDefault("provider", "exa");
        String path = options.getOrDefault("path", BenchServer.PATH);

        Instant now = Instant.now();
        LongFunction<Request> deliveries = switch (provider) {
            case "exa" -> {
                ExaDeliveries exa = new ExaDeliveries(size);
                yield n -> {
                    byte[] body = exa.payloads().withId(n);
                    return new Request(path, exa.sign(body, now), body);
                };
            }
            case "standard" -> {
                StandardDeliveries standard = new StandardDeliveries(size);
                byte[] body = standard.body();
                yield n -> new Request(path, standard.sign(n, now), body);
            }
            default -> throw new IllegalArgumentException("--provider exa|standard, was " + provider);
        };
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                Request request = deliveries.apply(first + i);
                StringBuilder head = new StringBuilder(256)
                        .append("POST ").append(request.path()).append(" HTTP/1.1\r\n")
                        .append("Host: 127.0.0.1:").append(port).append("\r\n")
                        .append("Content-Type: application/json\r\n")
                        .append("Content-Length: ").append(request.body().length).append("\r\n");
                request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                head.append("\r\n");
                byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
                file.write(Integer.toString(headBytes.length + request.body().length)
                        .getBytes(StandardCharsets.US_ASCII));
                file.write('\n');
                file.write(headBytes);
                file.write(request.body());
            }
        }
        System.out.println("wrote " + count + " " + provider + " requests of " + size + "-byte bodies to " + path
                + ", events " + first + ".." + (first + count - 1) + ", to " + out);
    }

    /**
     * Reads back the requests a file holds, for checking what the runs will send.
     *
     * @param file a file this class wrote
     * @return the requests in order, each with every header it carries
     * @throws IOException if the file cannot be read
     */
    public static List<Request> read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<Request> requests = new ArrayList<>();
        int position = 0;
        while (position < data.length) {
            int newline = position;
            while (data[newline] != '\n') {
                newline++;
            }
            int length = Integer.parseInt(new String(data, position, newline - position, StandardCharsets.US_ASCII));
            String request = new String(data, newline + 1, length, StandardCharsets.UTF_8);
            position = newline + 1 + length;

            int split = request.indexOf("\r\n\r\n");
            String[] lines = request.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
            String path = lines[0].split(" ")[1];
            requests.add(new Request(path, headers, request.substring(split + 4).getBytes(StandardCharsets.UTF_8)));
        }
        return requests;
    }

    /**
     * One {@code POST} request.
     *
     * @param path the request target
     * @param headers header name to value, in order
     * @param body the body
     */
    public record Request(String path, Map<String, String> headers, byte[] body) {
    }
}
