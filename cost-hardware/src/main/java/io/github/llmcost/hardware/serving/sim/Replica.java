package io.github.llmcost.hardware.serving.sim;

import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.serving.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * One replica's engine: a waiting queue, the running sequences (prefilling in chunks, or decoding), its KV blocks and
 * prefix cache, stepping one engine iteration at a time. Decoding sequences are kept by the step they finish on, and
 * their positions as a sum, so a step costs a few operations whatever the batch.
 */
final class Replica {
    private static final Comparator<Sequence> BY_FINISH =
            Comparator.<Sequence>comparingLong(s -> s.finishStep).thenComparingLong(s -> s.order);

    /** What a replica runs: both phases, or one pool's half of a disaggregated deployment. */
    enum Role {
        BOTH,
        PREFILL,
        DECODE
    }

    /** Receives a prefill replica's sequences once their first token is out. */
    interface HandOff {
        void prefilled(Sequence s, double now);
    }

    final int index;
    private final Role role;
    private final @Nullable HandOff handOff;
    private final StepTimes times;
    private final Metrics metrics;
    private final int maxBatch;
    private final long budget;
    private final long block;
    private final boolean reserve;
    private final long capacity;
    private final PrefixCache cache = new PrefixCache();
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final ArrayList<Sequence> prefilling = new ArrayList<>();
    private final PriorityQueue<Sequence> decoding = new PriorityQueue<>(BY_FINISH);
    /** Decoders by {@code base mod block}: those whose next position starts a block need one (when not reserved). */
    private final long[] residues;

    private long free;
    private long baseSum;
    private long step;
    private double stepEnd = Double.POSITIVE_INFINITY;
    private double busy;

    Replica(int index, Scheduler scheduler, long capacityBlocks, StepTimes times, Metrics metrics) {
        this(index, scheduler, capacityBlocks, times, metrics, Role.BOTH, null);
    }

    Replica(
            int index,
            Scheduler scheduler,
            long capacityBlocks,
            StepTimes times,
            Metrics metrics,
            Role role,
            @Nullable HandOff handOff) {
        this.index = index;
        this.role = role;
        this.handOff = handOff;
        this.times = times;
        this.metrics = metrics;
        this.maxBatch = scheduler.maxBatchSize();
        this.budget = scheduler.maxBatchedTokens();
        this.block = scheduler.blockTokens();
        this.reserve = scheduler.reserveFullSequence();
        this.capacity = capacityBlocks;
        this.free = capacityBlocks;
        this.residues = new long[reserve ? 1 : scheduler.blockTokens()];
    }

    /** {@return blocks a request needs of its own at admission, before any prefix} */
    long blocksAtAdmission(long prompt, long output) {
        return ceil(reserve && role != Role.PREFILL ? prompt + output : prompt);
    }

    /** {@return whether a request can ever run here: its whole sequence fits the KV cache} */
    boolean fits(Request r) {
        return ceil(r.inputTokens() + r.outputTokens()) <= capacity;
    }

    private long ceil(long tokens) {
        return (tokens + block - 1) / block;
    }

    double stepEnd() {
        return stepEnd;
    }

    int outstanding() {
        return waiting.size() + prefilling.size() + decoding.size();
    }

    boolean holds(long prefixId) {
        return cache.holds(prefixId);
    }

    double busySeconds() {
        return busy;
    }

    /** Queues a request; an idle replica starts a step at once. */
    void arrive(Sequence s, double now) {
        s.replica = index;
        waiting.addLast(s);
        metrics.queued(now, 1);
        if (stepEnd == Double.POSITIVE_INFINITY) {
            start(now);
        }
    }

    /** Schedules and times the next step from {@code now}; idle if there is nothing to run. */
    void start(double now) {
        if (role == Role.DECODE) {
            admitDecodes(now);
        }
        long decodes = decoding.size();
        if (!reserve && decodes > 0) {
            grow(now);
            decodes = decoding.size();
        }
        long left = budget - decodes;
        long position = decodes > 0 ? Math.round((double) baseSum / decodes) + step : 0;
        Step.Builder b = null;
        for (int i = 0; i < prefilling.size() && left > 0; i++) {
            Sequence s = prefilling.get(i);
            b = chunk(b, s, left, decodes, position);
            left -= s.chunk;
        }
        while (left > 0 && !waiting.isEmpty() && prefilling.size() + decoding.size() < maxBatch) {
            Sequence s = waiting.peekFirst();
            if (!admit(s)) {
                break;
            }
            waiting.pollFirst();
            metrics.queued(now, -1);
            prefilling.add(s);
            b = chunk(b, s, left, decodes, position);
            left -= s.chunk;
        }
        if (b == null && decodes == 0) {
            stepEnd = Double.POSITIVE_INFINITY;
            return;
        }
        double dt = b != null
                ? times.seconds(b.build(), Math.toIntExact(decodes), position)
                : times.decode(Math.toIntExact(decodes), position);
        busy += dt;
        stepEnd = now + dt;
    }

    /** Schedules a sequence's next chunk into the step, started (with the decodes) on the first chunk. */
    private static Step.Builder chunk(Step.@Nullable Builder b, Sequence s, long left, long decodes, long position) {
        Step.Builder out = b;
        if (out == null) {
            out = Step.builder();
            if (decodes > 0) {
                out.decode(Math.toIntExact(decodes), position);
            }
        }
        s.chunk = Math.min(s.prompt - s.done, left);
        out.prefill(1, s.chunk, s.done);
        return out;
    }

    /** Ends the running step at {@code now}: chunks computed, first tokens, finished sequences. */
    void finish(double now) {
        int kept = 0;
        for (int i = 0; i < prefilling.size(); i++) {
            Sequence s = prefilling.get(i);
            if (s.chunk > 0) {
                s.done += s.chunk;
                s.chunk = 0;
                PrefixCache.Entry e = s.entry;
                if (s.owner && e != null && !e.ready && s.done >= e.tokens) {
                    cache.ready(e);
                }
            }
            if (s.done < s.prompt) {
                prefilling.set(kept++, s);
                continue;
            }
            if (Double.isNaN(s.firstToken)) {
                s.firstToken = now;
            }
            if (s.output == 1) {
                complete(s, now, s.prompt);
            } else if (handOff != null) {
                release(s, s.prompt);
                handOff.prefilled(s, now);
            } else {
                beginDecoding(s, step + 1);
            }
        }
        prefilling.subList(kept, prefilling.size()).clear();
        while (!decoding.isEmpty() && decoding.peek().finishStep == step) {
            Sequence s = decoding.poll();
            leaveDecoding(s);
            complete(s, now, s.base + step);
        }
        step++;
    }

    /** A sequence decodes from replica step {@code first} on. */
    private void beginDecoding(Sequence s, long first) {
        s.base = s.prompt + 1 - first;
        s.finishStep = first + s.output - 2;
        baseSum += s.base;
        residues[residue(s.base)]++;
        decoding.add(s);
    }

    /** A decode replica admits sequences whose cache has arrived, FCFS, while the batch and the blocks allow. */
    private void admitDecodes(double now) {
        while (!waiting.isEmpty() && decoding.size() < maxBatch) {
            Sequence s = waiting.peekFirst();
            long need = blocksAtAdmission(s.prompt, s.output);
            if (need > free) {
                return;
            }
            waiting.pollFirst();
            metrics.queued(now, -1);
            free -= need;
            s.ownBlocks = need;
            beginDecoding(s, step);
        }
    }

    private int residue(long base) {
        return residues.length == 1 ? 0 : (int) Math.floorMod(base, (long) residues.length);
    }

    private void leaveDecoding(Sequence s) {
        baseSum -= s.base;
        residues[residue(s.base)]--;
    }

    private void complete(Sequence s, double now, long lastPosition) {
        release(s, lastPosition);
        metrics.finished(s, now);
    }

    /** Returns a sequence's blocks, its last position holding {@code lastPosition} tokens. */
    private void release(Sequence s, long lastPosition) {
        long own = s.ownBlocks;
        if (!reserve && lastPosition > s.prompt) {
            own += ceil(lastPosition) - ceil(s.prompt);
        }
        free += own;
        PrefixCache.Entry e = s.entry;
        if (e != null) {
            if (s.owner && !e.ready) {
                free += cache.drop(e);
            } else {
                cache.release(e);
            }
        }
    }

    /** Finds blocks for the decoders whose next token starts a block, evicting cached prefixes, then preempting. */
    private void grow(double now) {
        while (true) {
            long need = residues[residue(1 - (step % block))];
            if (need <= free) {
                free -= need;
                return;
            }
            if (cache.evictableBlocks() > 0) {
                free += cache.evict(need - free);
                continue;
            }
            preemptLatest(now);
        }
    }

    private void preemptLatest(double now) {
        Sequence victim = null;
        for (Sequence s : prefilling) {
            victim = victim == null || s.order > victim.order ? s : victim;
        }
        for (Sequence s : decoding) {
            victim = victim == null || s.order > victim.order ? s : victim;
        }
        if (victim == null) {
            throw new IllegalStateException("no sequence to preempt");
        }
        if (prefilling.remove(victim)) {
            release(victim, victim.prompt);
        } else {
            decoding.remove(victim);
            leaveDecoding(victim);
            release(victim, victim.base + step - 1);
        }
        victim.reset();
        waiting.addFirst(victim);
        metrics.queued(now, 1);
        metrics.preempted();
    }

    /** Takes the blocks a request needs, reading or creating its prefix's entry; false if they cannot be found. */
    private boolean admit(Sequence s) {
        Request r = s.request;
        PrefixCache.Entry hit = null;
        long shared = 0;
        boolean creating = false;
        if (r.hasPrefix()) {
            PrefixCache.Entry e = cache.use(r.prefixId());
            if (e != null && e.ready) {
                hit = e;
                shared = e.blocks;
                cache.acquire(e);
            } else if (e == null) {
                shared = r.prefixTokens() / block;
                creating = shared > 0;
            }
        }
        long own = blocksAtAdmission(s.prompt, s.output) - shared;
        long need = own + (creating ? shared : 0);
        if (need > free + cache.evictableBlocks()) {
            if (hit != null) {
                cache.release(hit);
            }
            return false;
        }
        if (need > free) {
            free += cache.evict(need - free);
        }
        free -= need;
        s.ownBlocks = own;
        if (hit != null) {
            s.entry = hit;
            s.done = Math.min(hit.tokens, s.prompt - 1);
        } else if (creating) {
            s.entry = cache.add(r.prefixId(), shared, shared * block);
            s.owner = true;
        }
        s.cached = hit != null ? s.done : 0;
        if (r.hasPrefix()) {
            metrics.prefixLookup(hit != null, s.done);
        }
        return true;
    }
}
