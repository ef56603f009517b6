/** Typed configuration of the platform ({@code bakery.*}) and its built-in defaults. */
package com.bakeryia.platform.config;
