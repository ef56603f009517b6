/**
 * Bearer-JWT security shared by every service: token checking against the auth service's public
 * keys, the token format (issuing is the auth service's, with its private key), the two principal
 * kinds (users and services) and problem+json answers for 401 and 403.
 */
package com.bakeryia.platform.security;
