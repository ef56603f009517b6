/**
 * Signed deletion certificates: the orchestrator's own ES256 keys, the signer, and the verifier
 * anyone can run offline against the public keys (which the HTTP API publishes).
 */
package com.bakeryia.orchestrator.certificate;
