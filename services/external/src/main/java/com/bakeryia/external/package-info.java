/** The external service: owns external, holding external data cache entries and API key usage. */
package com.bakeryia.external;
