package com.example.shop.customers.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface CustomerRepository extends JpaRepository<Customer, UUID> {

    Optional<Customer> findByEmail(String email);

    boolean existsByEmail(String email);

    Page<Customer> findAllBy(Pageable pageable);

    /**
     * Locks the customer's row until the transaction ends, so that changes to what the customer owns take
     * turns. Native SQL: Hibernate's {@code FOR UPDATE OF alias} is MySQL 8 only, plain {@code FOR UPDATE}
     * works on MySQL and MariaDB alike.
     *
     * @return 1 when the customer exists, 0 otherwise
     */
    @Query(value = "select count(*) from customers_customer where id = :id for update", nativeQuery = true)
    int lockById(@Param("id") UUID id);

    /**
     * Replaces the password hash with a stronger hash of the same password, unless the password was changed
     * meanwhile (the stored hash is no longer the one the caller verified). Not a password change: the time of
     * the last change stays.
     *
     * @return 1 when replaced, 0 otherwise
     */
    @Modifying
    @Transactional
    @Query("update Customer c set c.passwordHash = :stronger, c.version = c.version + 1"
            + " where c.id = :id and c.passwordHash = :verified")
    int rehashPassword(@Param("id") UUID id, @Param("verified") String verified, @Param("stronger") String stronger);
}
