/** The notifications module's implementation: the order mails, their templates, and the record of what was sent. */
@org.jspecify.annotations.NullMarked
package com.example.shop.notifications.internal;
