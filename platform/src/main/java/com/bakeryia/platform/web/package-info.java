/** The web layer every service shares: RFC 9457 errors, request ids in logs, service info, API docs. */
package com.bakeryia.platform.web;
