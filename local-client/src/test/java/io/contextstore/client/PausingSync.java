package io.contextstore.client;

import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.sync.PushOutcome;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.Synchronizer;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A sync process that stops at a chosen point of its second batch and waits to be killed: just
 * before sending it ({@code sending}), or after the server answered it and before the queue recorded
 * the answer ({@code answered}). It prints a marker line when it gets there. Run as its own JVM.
 */
public final class PausingSync {

    private PausingSync() {
    }

    public static void main(String[] args) {
        String pauseAt = args[0];
        int batchSize = Integer.parseInt(args[1]);
        try (LocalContext context = LocalContext.open(ClientHome.fromEnvironment(System.getenv()), Clock.systemUTC(),
                new SplittableRandom())) {
            SyncObserver observer = new SyncObserver() {
                private int sent;
                private int answered;

                @Override
                public void sending(List<QueuedItem> batch) {
                    if (pauseAt.equals("sending") && ++sent == 2) {
                        pause("PAUSED before sending " + batch.size());
                    }
                }

                @Override
                public void answered(List<QueuedItem> batch, PushOutcome outcome) {
                    if (pauseAt.equals("answered") && outcome instanceof PushOutcome.Acknowledged && ++answered == 2) {
                        pause("PAUSED after the server acknowledged " + batch.size());
                    }
                }
            };
            context.sync(context.session(null), new Synchronizer.Options(true, false, false, batchSize), observer);
        }
        System.out.println("FINISHED");
    }

    private static void pause(String marker) {
        System.out.println(marker);
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
