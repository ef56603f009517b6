/** The production service: owns production, holding production batches, schedules, quality checks and equipment. */
package com.bakeryia.production;
