/** Who exists: the auth service's users, answered in-process by auth or over HTTP elsewhere. */
package com.bakeryia.platform.identity;
