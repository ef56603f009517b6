/** A real SMTP server in the test JVM, and reading what the platform mailed to it. */
package com.bakeryia.testsupport.mail;
