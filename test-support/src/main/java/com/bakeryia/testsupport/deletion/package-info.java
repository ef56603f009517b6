/** The deletion contract test every participant runs through a subclass. */
package com.bakeryia.testsupport.deletion;
