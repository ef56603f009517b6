/**
 * Signed deletion certificates: the orchestrator's own ES256 keys, the signer, the verifier anyone
 * can run offline against the published public keys, and the endpoint that publishes them.
 */
package com.bakeryia.orchestrator.certificate;
