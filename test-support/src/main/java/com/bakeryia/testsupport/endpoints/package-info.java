/** The endpoint contract test every data service runs through a subclass, fed by its table of endpoints. */
package com.bakeryia.testsupport.endpoints;
