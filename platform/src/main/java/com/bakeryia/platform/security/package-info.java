/**
 * Bearer-JWT security shared by every service: the auth service's signing key, token issuing and
 * checking, the two principal kinds (users and services) and problem+json answers for 401 and 403.
 */
package com.bakeryia.platform.security;
