package com.example.shop.customers.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AddressRepository extends JpaRepository<Address, UUID> {

    Optional<Address> findByIdAndCustomerId(UUID id, UUID customerId);

    List<Address> findByCustomerIdOrderByCreatedAtAscIdAsc(UUID customerId);

    long countByCustomerId(UUID customerId);
}
