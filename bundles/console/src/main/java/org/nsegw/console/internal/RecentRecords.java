package org.nsegw.console.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few records of a kind, newest first, for the console's pages. Thread-safe; adding is cheap. */
final class RecentRecords<T> {

    private final int capacity;
    private final Deque<T> items;

    RecentRecords(int capacity) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeLast();
        }
        items.addFirst(item);
    }

    /** Newest first. */
    synchronized List<T> list() {
        return new ArrayList<>(items);
    }
}
