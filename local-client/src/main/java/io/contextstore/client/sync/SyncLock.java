package io.contextstore.client.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One sync at a time per client home. Two drains at once would not lose or double anything (the
 * server deduplicates) but would send everything twice. The operating system releases the lock when
 * the process dies, kill -9 included.
 */
public final class SyncLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SyncLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for a sync running in another process to finish. */
    public static SyncLock acquire(Path file) {
        FileChannel channel = open(file);
        try {
            return new SyncLock(channel, channel.lock());
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Empty when another process is syncing. */
    public static Optional<SyncLock> tryAcquire(Path file) {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                close(channel);
                return Optional.empty();
            }
            return Optional.of(new SyncLock(channel, lock));
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
