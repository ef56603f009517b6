/** The auth service: owns auth, holding users, refresh tokens and service clients; issues the platform's tokens. */
package com.bakeryia.auth;
