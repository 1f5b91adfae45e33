package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.customers.CustomerId;

/** A customer's addresses. Another customer's address is indistinguishable from one that does not exist. */
@Service
public class AddressBookService {

    static final int MAX_ADDRESSES = 20;

    private final AddressRepository addresses;
    private final CustomerRepository customers;

    AddressBookService(AddressRepository addresses, CustomerRepository customers) {
        this.addresses = addresses;
        this.customers = customers;
    }

    public record AddressData(String name, String line1, String line2, String city, String postalCode,
            String country) {
    }

    public record Entry(UUID id, AddressData address) {

        static Entry of(Address address) {
            return new Entry(address.id(), address.data());
        }
    }

    @Transactional(readOnly = true)
    public List<Entry> list(CustomerId customer) {
        return addresses.findByCustomerIdOrderByCreatedAtAscIdAsc(customer.value()).stream().map(Entry::of).toList();
    }

    @Transactional(readOnly = true)
    public Entry get(CustomerId customer, AddressId id) {
        return Entry.of(load(customer, id));
    }

    /**
     * Adds an address. Additions for one customer take turns (its row is locked), so that concurrent ones
     * cannot together go past the limit.
     *
     * @throws CustomerNotFound when the account no longer exists
     * @throws AddressBookFull  when the customer already has {@value #MAX_ADDRESSES} addresses
     */
    @Transactional
    public Entry add(CustomerId customer, AddressData data) {
        if (customers.lockById(customer.value()) == 0) {
            throw new CustomerNotFound();
        }
        if (addresses.countByCustomerId(customer.value()) >= MAX_ADDRESSES) {
            throw new AddressBookFull();
        }
        return Entry.of(addresses.save(Address.add(customer.value(), data, Instant.now())));
    }

    @Transactional
    public Entry change(CustomerId customer, AddressId id, AddressData data) {
        Address address = load(customer, id);
        address.change(data);
        return Entry.of(address);
    }

    @Transactional
    public void remove(CustomerId customer, AddressId id) {
        addresses.delete(load(customer, id));
    }

    private Address load(CustomerId customer, AddressId id) {
        return addresses.findByIdAndCustomerId(id.value(), customer.value()).orElseThrow(AddressNotFound::new);
    }
}
