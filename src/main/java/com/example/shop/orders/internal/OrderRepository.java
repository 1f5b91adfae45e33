package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * Every transition takes the order's row lock first: concurrent deliveries of one event queue up.
     * Native SQL because Hibernate's {@code FOR UPDATE OF alias} is MySQL 8 only.
     */
    @Query(value = "select * from orders_order where id = :id for update", nativeQuery = true)
    Optional<Order> findForUpdate(UUID id);

    @Query("select o from Order o left join fetch o.lines where o.id = :id")
    Optional<Order> findWithLines(UUID id);

    /**
     * A customer adopts a guest order: one conditional update, so of concurrent claims exactly one changes the row
     * (the others find {@code customer_id} set and change nothing). The version moves on, as with every change.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(value = "update orders_order set customer_id = :customer, claimed_at = :at, version = version + 1 "
            + "where id = :id and customer_id is null and access_key_hash is not null", nativeQuery = true)
    int claim(UUID id, UUID customer, Instant at);

    /** A new access key for a guest order nobody has claimed. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(value = "update orders_order set access_key_hash = :hash, version = version + 1 "
            + "where id = :id and customer_id is null and access_key_hash is not null", nativeQuery = true)
    int replaceAccessKey(UUID id, String hash);

    @Query(value = "select o from Order o where o.customerId = :customer order by o.createdAt desc, o.id desc",
            countQuery = "select count(o) from Order o where o.customerId = :customer")
    Page<Order> findByCustomer(UUID customer, Pageable page);

    @Query(value = "select o from Order o order by o.createdAt desc, o.id desc",
            countQuery = "select count(o) from Order o")
    Page<Order> findAllNewestFirst(Pageable page);

    @Query(value = "select o from Order o where o.status = :status order by o.createdAt desc, o.id desc",
            countQuery = "select count(o) from Order o where o.status = :status")
    Page<Order> findByStatus(OrderStatus status, Pageable page);

    @Query("select o.id from Order o where o.status = :status and o.createdAt < :cutoff order by o.createdAt")
    List<UUID> findIdsByStatusCreatedBefore(OrderStatus status, Instant cutoff, Pageable page);

    @Query("""
            select new com.example.shop.orders.internal.ItemCount(o.id, sum(l.quantity))
            from Order o join o.lines l where o.id in :ids group by o.id""")
    List<ItemCount> countItems(Collection<UUID> ids);

    @Query("select new com.example.shop.orders.internal.OrderVersion(o.id, o.version) from Order o where o.id in :ids")
    List<OrderVersion> findVersions(Collection<UUID> ids);
}
