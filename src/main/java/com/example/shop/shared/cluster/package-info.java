/**
 * Small messages between the instances of one deployment ({@link com.example.shop.shared.cluster.ClusterChannel}):
 * a module publishes on a named topic after its transaction commits, and every instance's subscribers of that
 * topic receive it, this instance's included. In memory for a single instance; over Redis pub/sub when Redis is
 * configured (docs/operations.md, "Cache coherence and live streams across instances").
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.cluster;
