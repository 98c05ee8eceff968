package io.contextstore.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.ReadBarrier;
import io.contextstore.query.pull.decision.PullRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final PullRequest AT_10 = new PullRequest(10, 200, List.of(), null, ReadBarrier.NONE);

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong watermark = new AtomicLong(50);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SharedReads shared = new SharedReads((token, request) -> {
        reads.incrementAndGet();
        return page(watermark.get());
    }, now::get);

    @Test
    void aUsersDevicesWokenByOneCommitReadThePageOnce() {
        shared.page(token("alice", "laptop"), AT_10, 50);
        StreamPage second = shared.page(token("alice", "desktop"), AT_10, 50).join();
        assertThat(reads).hasValue(1);
        assertThat(second.watermark()).isEqualTo(50);
    }

    @Test
    void anotherUserOrRoleNeverGetsThePageReadForSomeoneElse() {
        shared.page(token("alice", "laptop"), AT_10, 50);
        shared.page(token("bob", "laptop"), AT_10, 50);
        shared.page(new AccessToken(TENANT, "alice", "laptop", AccessToken.Role.AUDITOR, "t", Instant.MAX), AT_10, 50);
        assertThat(reads).hasValue(3);
    }

    @Test
    void aPageThatDoesNotReachThePositionThatWokeTheStreamIsReadAgain() {
        shared.page(token("alice", "laptop"), AT_10, 50);
        watermark.set(60);
        assertThat(shared.page(token("alice", "desktop"), AT_10, 60).join().watermark()).isEqualTo(60);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDonePageIsSharedOnlyBrieflySoMembershipChangesShowAtOnce() {
        shared.page(token("alice", "laptop"), AT_10, 50);
        now.addAndGet(SharedReads.RETAIN.toNanos() + 1);
        shared.page(token("alice", "desktop"), AT_10, 50);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aStreamAskingWhileTheSameReadIsUnderWayGetsThatPageWhenItIsReadAndHoldsNoThreadMeanwhile() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SharedReads slow = new SharedReads((token, request) -> {
            reads.incrementAndGet();
            reading.countDown();
            await(release);
            return page(70);
        }, now::get);
        CompletableFuture<StreamPage> first = CompletableFuture.supplyAsync(() -> slow.page(token("alice", "laptop"), AT_10, 70).join());
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<StreamPage> second = slow.page(token("alice", "desktop"), AT_10, 70);
        assertThat(second).isNotDone(); // the asking stream's thread is free again: the page comes when it is read
        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
        assertThat(reads).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AccessToken token(String user, String device) {
        return new AccessToken(TENANT, user, device, AccessToken.Role.MEMBER, "t-" + device, Instant.MAX);
    }

    private static StreamPage page(long watermark) {
        return new StreamPage(new byte[0], watermark, false, watermark);
    }
}
