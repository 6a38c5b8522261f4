package io.github.llmcost.hardware.serving.sim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One replica's prefix cache: the whole KV blocks of each shared prefix (by prefix id), kept after the requests that
 * read them finish and evicted least recently used first when blocks run short. An entry is pending until the request
 * that fills it has computed past it; only then do others read it.
 */
final class PrefixCache {
    /** A cached prefix. */
    static final class Entry {
        final long id;
        final long blocks;
        final long tokens;
        int readers;
        boolean ready;

        Entry(long id, long blocks, long tokens) {
            this.id = id;
            this.blocks = blocks;
            this.tokens = tokens;
        }
    }

    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long evictable;

    /** {@return whether an entry, ready or pending, exists for the prefix; does not count as a use} */
    boolean holds(long id) {
        return entries.containsKey(id);
    }

    /** {@return the entry for the prefix, marked most recently used; null if none} */
    @Nullable
    Entry use(long id) {
        return entries.get(id);
    }

    /** {@return blocks held by ready entries no running sequence reads} */
    long evictableBlocks() {
        return evictable;
    }

    /** Adds a pending entry read by its owner. */
    Entry add(long id, long blocks, long tokens) {
        Entry e = new Entry(id, blocks, tokens);
        e.readers = 1;
        entries.put(id, e);
        return e;
    }

    /** One more reader. */
    void acquire(Entry e) {
        if (e.readers++ == 0 && e.ready) {
            evictable -= e.blocks;
        }
    }

    /** One fewer reader; an entry left unread stays, evictable. */
    void release(Entry e) {
        if (--e.readers == 0 && e.ready) {
            evictable += e.blocks;
        }
    }

    /** The owner has computed past the prefix: others may read it. */
    void ready(Entry e) {
        e.ready = true;
        if (e.readers == 0) {
            evictable += e.blocks;
        }
    }

    /**
     * Drops a pending entry whose owner was preempted.
     *
     * @return the blocks freed
     */
    long drop(Entry e) {
        entries.remove(e.id);
        return e.blocks;
    }

    /**
     * Evicts unread entries, least recently used first, until at least {@code blocks} are freed or none is left.
     *
     * @return the blocks freed
     */
    long evict(long blocks) {
        long freed = 0;
        Iterator<Entry> it = entries.values().iterator();
        while (freed < blocks && it.hasNext()) {
            Entry e = it.next();
            if (e.ready && e.readers == 0) {
                it.remove();
                freed += e.blocks;
                evictable -= e.blocks;
            }
        }
        return freed;
    }
}
