package io.github.llmcost.hardware.serving.sim;

import org.jspecify.annotations.Nullable;

/** One request inside a replica: its progress through prefill and decode, and the KV blocks it holds. */
final class Sequence {
    final Request request;
    final long prompt;
    final long output;
    /** Arrival order: FCFS admission, and the latest admitted is preempted first. */
    final long order;
    /** Prompt tokens in the cache: a prefix hit's plus the chunks computed. */
    long done;
    /** Tokens of the chunk scheduled in the running step, 0 if none. */
    long chunk;
    /** Blocks of its own taken at admission (the shared prefix's are the entry's). */
    long ownBlocks;
    /** The prefix entry it reads (a hit) or fills (it owns a pending entry); null if neither. */
    PrefixCache.@Nullable Entry entry;

    boolean owner;
    /** Decode: the position of its token at replica step {@code k} is {@code base + k}; it ends after step finish. */
    long base;

    long finishStep;
    double firstToken = Double.NaN;
    /** The replica it was routed to, and the prompt tokens its last admission found cached. */
    int replica;

    long cached;

    Sequence(Request request, long order) {
        this.request = request;
        this.prompt = request.inputTokens();
        this.output = request.outputTokens();
        this.order = order;
    }

    /** Disaggregated: when its cache reaches the decode pool. */
    double transferDone;

    /** Sent from a prefill replica to a decode replica: its prompt computed, no blocks or prefix entry held. */
    void handedOff() {
        chunk = 0;
        ownBlocks = 0;
        entry = null;
        owner = false;
    }

    /** Back to the queue as if just arrived (preemption by recompute): everything computed is dropped. */
    void reset() {
        done = 0;
        chunk = 0;
        ownBlocks = 0;
        entry = null;
        owner = false;
        base = 0;
        finishStep = 0;
    }
}
