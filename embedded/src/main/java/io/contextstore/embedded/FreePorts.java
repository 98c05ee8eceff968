package io.contextstore.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for embedded servers, chosen below the kernel's ephemeral range (Linux: 32768–60999). A port the
 * kernel picked for "port 0" is from that range, and between the pick and a child process binding it the kernel
 * could give it to an outgoing connection (CI: a query-api instance of the cluster test failed with "port already
 * in use"). No port is handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int FROM = 10_000;
    private static final int TO = 20_000;
    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FROM, TO);
            if (handedOut.add(port) && free(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between " + FROM + " and " + TO));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
