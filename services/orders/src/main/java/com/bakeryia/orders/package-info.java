/** The orders service: owns orders, holding customers, customer orders, order items and order status history. */
package com.bakeryia.orders;
