package io.contextstore.query.live;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client on a plain socket, so a test controls exactly when bytes are read (a slow
 * reader is one that does not read) and how small its receive buffer is. HTTP/1.1, chunked or not.
 */
final class SseClient implements AutoCloseable {

    record Event(long id, String name, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Event END = new Event(-1, "end-of-stream", "");

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private volatile boolean ended;
    private volatile String endedBy = "the end of the response";
    private Thread reader;

    private SseClient(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /** Connects and reads the status and headers; reading events starts with {@link #startReading()}. */
    static SseClient connect(String baseUrl, String pathAndQuery, String token, String lastEventId, int receiveBuffer) {
        URI uri = URI.create(baseUrl);
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window offered
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Accept: text/event-stream\r\n");
            if (token != null) {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (lastEventId != null) {
                request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream raw = new BufferedInputStream(socket.getInputStream(), 8192);
            String[] head = readHead(raw).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(raw) : raw;
            return new SseClient(socket, body, status, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SseClient open(String baseUrl, String pathAndQuery, String token, Long lastEventId) {
        SseClient client = connect(baseUrl, pathAndQuery, token, lastEventId == null ? null : lastEventId.toString(), 0);
        if (client.status == 200) {
            client.startReading();
        }
        return client;
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body of an answer that is not a stream (a problem). */
    String body() {
        try {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
            return new String(length >= 0 ? in.readNBytes(length) : in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void startReading() {
        if (reader == null) {
            reader = new Thread(this::readEvents, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The next {@code count} events, failing if they do not come within {@code timeout}. */
    List<Event> take(int count, Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            Event event = poll(deadline);
            if (event == null || event == END) {
                throw new AssertionError("got " + taken.size() + " of " + count + " events: " + taken
                        + (event == END ? " before the stream ended (" + endedBy + ")" : " within " + timeout));
            }
            taken.add(event);
        }
        return taken;
    }

    /** Every event until the server ends the stream, failing if it does not end within {@code timeout}. */
    List<Event> untilEnd(Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = poll(deadline);
            if (event == null) {
                throw new AssertionError("the stream did not end within " + timeout + "; got " + taken.size() + " events");
            }
            if (event == END) {
                return taken;
            }
            taken.add(event);
        }
    }

    /** Events received so far and not yet taken. */
    List<Event> drainReceived() {
        List<Event> taken = new ArrayList<>();
        events.drainTo(taken);
        taken.remove(END);
        return taken;
    }

    int heartbeats() {
        return heartbeats.get();
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    private Event poll(long deadline) {
        try {
            return events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void readEvents() {
        try {
            socket.setSoTimeout(0);
            Long id = null;
            String name = "message";
            StringBuilder data = null;
            String line;
            while ((line = readLine(in)) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id == null ? -1 : id, name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    heartbeats.incrementAndGet();
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException | RuntimeException e) {
            endedBy = e.toString(); // the connection ended, or what came was not a stream
        } finally {
            ended = true;
            events.add(END);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last = (last << 8) | b;
            if (last == 0x0D0A0D0A) { // CR LF CR LF: the end of the head
                break;
            }
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, Math.max(0, text.length() - 4));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** HTTP/1.1 chunked transfer coding, decoded. */
    private static final class Chunked extends InputStream {
        private final InputStream raw;
        private long left;
        private boolean done;

        Chunked(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(raw);
                if (size == null) {
                    done = true;
                    return -1;
                }
                size = size.trim();
                if (size.isEmpty()) { // the CRLF after a chunk's data
                    size = readLine(raw);
                    if (size == null) {
                        done = true;
                        return -1;
                    }
                    size = size.trim();
                }
                int extension = size.indexOf(';');
                left = Long.parseLong(extension < 0 ? size : size.substring(0, extension), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = raw.read();
            if (b < 0) {
                done = true;
                return -1;
            }
            left--;
            return b;
        }
    }
}
