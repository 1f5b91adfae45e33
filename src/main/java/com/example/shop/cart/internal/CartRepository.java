package com.example.shop.cart.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface CartRepository extends JpaRepository<Cart, UUID> {

    @Query("select c from Cart c left join fetch c.items where c.id = :id")
    Optional<Cart> findWithItems(UUID id);

    /**
     * Every change to a cart first takes this row lock, so concurrent changes queue up instead of getting
     * lost. Native SQL: Hibernate's {@code FOR UPDATE OF alias} is MySQL 8 only, plain {@code FOR UPDATE}
     * works on MySQL and MariaDB alike.
     */
    @Query(value = "select * from cart_cart where id = :id for update", nativeQuery = true)
    Optional<Cart> findForUpdate(UUID id);

    @Query(value = "select * from cart_cart where owner_id = :owner for update", nativeQuery = true)
    Optional<Cart> findByOwnerForUpdate(UUID owner);

    @Query("select c from Cart c left join fetch c.items where c.ownerId = :owner")
    Optional<Cart> findByOwner(UUID owner);

    @Modifying
    @Query(value = "delete from cart_cart where owner_id is null and updated_at < :cutoff limit 1000", nativeQuery = true)
    int deleteAnonymousNotUpdatedSince(Instant cutoff);
}
