// Checks a deletion certificate in the browser, as the platform's offline verifier does: a compact
// JWS whose header says alg ES256 and typ deletion-certificate+jwt, signed by the key its kid names
// in the platform's JWK Set (ECDSA P-256 with SHA-256; the JWS signature is the raw r||s WebCrypto
// takes), with every claim a certificate states.

export const TYPE = 'deletion-certificate+jwt';
export const REQUIRED_CLAIMS = ['job_id', 'kind', 'subject_id', 'requested_at', 'completed_at', 'services', 'totals',
  'verification', 'audit_head', 'iss', 'iat'];

/** Whether this page may use WebCrypto: only in a secure context (https, or http on localhost). */
export function canVerifyHere() {
  return Boolean(globalThis.isSecureContext && globalThis.crypto && globalThis.crypto.subtle);
}

/** The JWS's header and claims, decoded but not checked (to show them whatever the verdict). */
export function decode(compact) {
  const parts = String(compact).trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) {
    throw new Error('not a JWS: a compact JWS is three base64url parts separated by dots');
  }
  let header;
  let claims;
  try {
    header = JSON.parse(new TextDecoder().decode(base64url(parts[0])));
    claims = JSON.parse(new TextDecoder().decode(base64url(parts[1])));
  } catch (e) {
    throw new Error(`not a JWS: its header or payload is not JSON (${e.message})`);
  }
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: base64url(parts[2]) };
}

/**
 * The verdict on `compact` against the JWK Set `jwks`: {valid: true, kid, claims} or
 * {valid: false, reason, kid?, claims?}. Never throws for a bad certificate.
 */
export async function verify(compact, jwks) {
  let jws;
  try {
    jws = decode(compact);
  } catch (e) {
    return { valid: false, reason: e.message };
  }
  const { header, claims } = jws;
  const kid = header.kid;
  const invalid = (reason) => ({ valid: false, reason, kid, claims });
  if (header.alg !== 'ES256') {
    return invalid(`wrong alg ${header.alg}: only ES256 is accepted`);
  }
  if (header.typ !== TYPE) {
    return invalid(`not a deletion certificate: typ is ${header.typ}, not ${TYPE}`);
  }
  if (!kid) {
    return invalid('no kid in the header: the signing key is not named');
  }
  const jwk = (jwks && Array.isArray(jwks.keys) ? jwks.keys : []).find((key) => key.kid === kid);
  if (!jwk) {
    return invalid(`unknown kid ${kid}: no key of that id in the platform's key set`);
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
    return invalid(`key ${kid} of the key set is not a P-256 EC key`);
  }
  let signed = false;
  if (jws.signature.length === 64) {
    const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    signed = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, jws.signature,
      new TextEncoder().encode(jws.signingInput));
  }
  if (!signed) {
    return invalid(`bad signature: key ${kid} did not sign this certificate as it is (altered, or signed by another key)`);
  }
  const missing = REQUIRED_CLAIMS.filter((name) => claims[name] === undefined || claims[name] === null);
  if (missing.length > 0) {
    return invalid(`missing required claim${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return { valid: true, kid, claims };
}

function base64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
