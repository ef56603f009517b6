/** The API document against the running platform: its hygiene, and that the API does what it says. */
package com.bakeryia.launcher.apidocs;
