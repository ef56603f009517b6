/** The pos service: owns pos, holding POS configurations, sessions, transactions and transaction items. */
package com.bakeryia.pos;
