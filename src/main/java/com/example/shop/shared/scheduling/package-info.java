/**
 * Scheduled jobs on several instances: each job's run is taken by one instance at a time, through a lock in the
 * database that every instance already shares.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.scheduling;
