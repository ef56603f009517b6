/**
 * The orchestrator's HTTP API: the controllers of tenant and user deletions, deletion jobs, the
 * audit trail, certificates and their public keys, with who may call each and the request checks;
 * the only place with controllers (apart from the operator console's own {@code config.json}).
 */
package com.bakeryia.orchestrator.api;
