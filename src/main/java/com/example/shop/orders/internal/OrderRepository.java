package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * Every transition takes the order's row lock first: concurrent deliveries of one event queue up.
     * Native SQL because Hibernate's {@code FOR UPDATE OF alias} is MySQL 8 only.
     */
    @Query(value = "select * from orders_order where id = :id for update", nativeQuery = true)
    Optional<Order> findForUpdate(UUID id);

    @EntityGraph(attributePaths = "lines")
    @Query("select o from Order o where o.id = :id")
    Optional<Order> findWithLines(UUID id);

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
