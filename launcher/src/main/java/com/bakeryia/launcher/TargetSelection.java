package com.bakeryia.launcher;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The targets chosen for this process, from a comma-separated list such as {@code orders,inventory}. */
record TargetSelection(Set<Target> targets) {

    static TargetSelection parse(String list) {
        if (list == null || list.isBlank()) {
            return new TargetSelection(EnumSet.allOf(Target.class));
        }
        EnumSet<Target> selected = EnumSet.noneOf(Target.class);
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(Target.ALL)) {
                selected.addAll(EnumSet.allOf(Target.class));
                continue;
            }
            selected.add(Target.named(name).orElseThrow(() -> new UnknownTargetException(name)));
        }
        if (selected.isEmpty()) {
            throw new UnknownTargetException(list);
        }
        return new TargetSelection(selected);
    }

    /** Dependencies of the selected targets that run elsewhere, by name. */
    Set<String> remoteDependencies() {
        Set<String> local = names();
        return targets.stream()
                .flatMap(target -> target.dependencies().stream())
                .filter(dependency -> !local.contains(dependency))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    Set<String> names() {
        return targets.stream().map(Target::targetName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    List<String> configurationClassNames() {
        return targets.stream().map(target -> target.configuration().getName()).toList();
    }

    /** A target name that is not in the list. */
    static final class UnknownTargetException extends IllegalArgumentException {

        UnknownTargetException(String name) {
            super("Unknown target '" + name + "'. Valid targets: " + String.join(", ", Target.validNames()) + ".");
        }
    }

    /** A selected target calls a service that neither runs here nor has a URL. */
    static final class MissingServiceUrlException extends IllegalStateException {

        MissingServiceUrlException(Set<String> services) {
            super("The selected targets call " + String.join(", ", services) + ", which do not run in this process: "
                    + "add them to --targets or set " + services.stream()
                    .map(service -> "bakery.services." + service + ".url").collect(Collectors.joining(", ")) + ".");
        }
    }
}
