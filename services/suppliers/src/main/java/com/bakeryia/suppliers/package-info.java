/** The suppliers service: owns suppliers, holding suppliers, purchase orders and their items, deliveries and price lists. */
package com.bakeryia.suppliers;
