package io.ifpp.server.internal.batch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap in use while it runs, sampled every 50 ms: what a benchmark reports as peak heap (the heap pools'
 * own peaks happen at different moments, so their sum overstates it).
 */
public final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ifpp-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public HeapSampler() {
        sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    public long peakMb() {
        sample();
        return peak.get() / (1024 * 1024);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
