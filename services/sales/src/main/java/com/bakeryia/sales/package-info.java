/** The sales service: owns sales, holding sales records per product, day and channel. */
package com.bakeryia.sales;
