package com.bakeryia.launcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds a cycle in a dependency graph given as each node's dependencies (a depth-first search). */
final class TargetGraph {

    private TargetGraph() {
    }

    /** One cycle as the path that closes it ({@code a, b, a}); empty when the graph has none. */
    static List<String> cycle(Map<String, List<String>> dependencies) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(dependencies.keySet())) {
            List<String> found = visit(start, dependencies, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, List<String>> dependencies, List<String> path,
                                      Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : dependencies.getOrDefault(node, List.of())) {
            List<String> found = visit(next, dependencies, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        return List.of();
    }
}
