package com.bakeryia.orchestrator.export;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.bakeryia.deletion.ExportSource;
import com.bakeryia.deletion.RemoteExportSource;
import com.bakeryia.platform.deletion.LocalExportSources;
import com.bakeryia.platform.remote.RemoteServices;

/**
 * The export source of a service: the one in this process when the service runs here, otherwise a
 * {@link RemoteExportSource} over HTTP (service token; {@code readTimeout} between two reads of a
 * stream). Resolved when an export runs, so a missing URL fails that attempt, naming the service.
 */
public class ExportSources {

    private final LocalExportSources local;
    private final RemoteServices remoteServices;
    private final Duration readTimeout;
    private final Map<String, ExportSource> remote = new ConcurrentHashMap<>();

    public ExportSources(LocalExportSources local, RemoteServices remoteServices, Duration readTimeout) {
        this.local = local;
        this.remoteServices = remoteServices;
        this.readTimeout = readTimeout;
    }

    public ExportSource source(String service) {
        Optional<ExportSource> here = local.find(service);
        if (here.isPresent()) {
            return here.get();
        }
        if (remoteServices.isLocal(service)) {
            throw new IllegalStateException(service + " runs in this process but has no export source (no deletion plan)");
        }
        return remote.computeIfAbsent(service, name -> new RemoteExportSource(name, remoteServices.client(name, readTimeout)));
    }
}
