/** Calls from one service to another that runs in a different process, with a service token. */
package com.bakeryia.platform.remote;
