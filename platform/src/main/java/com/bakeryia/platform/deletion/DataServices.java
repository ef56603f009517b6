package com.bakeryia.platform.deletion;

import java.util.List;

/**
 * The services that own tenant data: every deletion job deletes and verifies in each of them, and
 * demo data fills each of them. The launcher derives them from its one list of targets; a process
 * started otherwise (a module's tests) uses the deletion plans that run in it.
 *
 * @param names service names, sorted
 */
public record DataServices(List<String> names) {

    public DataServices {
        names = names.stream().sorted().distinct().toList();
    }
}
