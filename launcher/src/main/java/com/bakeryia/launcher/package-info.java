/** The single executable: chooses which services ("targets") run in this process. */
package com.bakeryia.launcher;
