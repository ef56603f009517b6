/** Health of each running service, reported as an actuator component named after it. */
package com.bakeryia.platform.health;
