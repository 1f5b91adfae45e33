package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.customers.CustomerId;
import com.example.shop.customers.CustomerSummary;
import com.example.shop.customers.Customers;
import com.example.shop.customers.Role;

/** Customer accounts: registration, profile, the administrators' list; and the {@link Customers} API. */
@Service
public class AccountService implements Customers {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final CustomerRepository customers;
    private final PasswordEncoder passwordEncoder;
    private final RequestThrottle throttle;
    private final TransactionTemplate transaction;

    AccountService(CustomerRepository customers, PasswordEncoder passwordEncoder, RequestThrottle throttle,
            PlatformTransactionManager transactions) {
        this.customers = customers;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.transaction = new TransactionTemplate(transactions);
    }

    public record Account(UUID id, String email, String name, Set<Role> roles, Instant createdAt) {

        static Account of(Customer customer) {
            return new Account(customer.id(), customer.email(), customer.name(), customer.roles(),
                    customer.createdAt());
        }
    }

    /**
     * Registers a customer (role {@code CUSTOMER} only) and publishes {@code CustomerRegistered}.
     *
     * @throws TooManyRequests        when the client address has registered too often
     * @throws EmailAlreadyRegistered when the (normalised) e-mail is taken, also when a concurrent
     *                                registration wins the race on the unique index
     */
    public Account register(String email, String password, String name, String clientAddress) {
        throttle.registration(clientAddress);
        return Account.of(create(Emails.normalise(email), password, name.strip(), EnumSet.noneOf(Role.class)));
    }

    private Customer create(String email, String password, String name, Set<Role> extraRoles) {
        Passwords.requireHashable(password);
        if (customers.existsByEmail(email)) {
            throw new EmailAlreadyRegistered();
        }
        String hash = passwordEncoder.encode(password);
        try {
            // one transaction for the row and the CustomerRegistered publication; hashing stays outside
            return transaction.execute(status ->
                    customers.saveAndFlush(Customer.register(email, hash, name, extraRoles, Instant.now())));
        } catch (DataIntegrityViolationException e) {
            throw new EmailAlreadyRegistered();
        }
    }

    /**
     * Creates the first administrator unless an account with that e-mail exists. Safe to run on
     * several instances at once: the unique e-mail index lets exactly one of them create it.
     *
     * @return whether this call created the account
     */
    public boolean createAdminIfAbsent(String email, String password, String name) {
        String normalised = Emails.normalise(email);
        Optional<Customer> existing = customers.findByEmail(normalised);
        if (existing.isPresent()) {
            if (existing.get().isAdmin()) {
                log.info("Administrator {} already exists", Emails.masked(normalised));
            } else {
                log.warn("An account {} exists but is not an administrator; it is left unchanged",
                        Emails.masked(normalised));
            }
            return false;
        }
        try {
            create(normalised, password, name, EnumSet.of(Role.ADMIN));
            log.info("Administrator {} created", Emails.masked(normalised));
            return true;
        } catch (EmailAlreadyRegistered e) {
            log.info("Administrator {} was created concurrently", Emails.masked(normalised));
            return false;
        }
    }

    @Transactional(readOnly = true)
    public Account profile(CustomerId id) {
        return Account.of(load(id));
    }

    @Transactional
    public Account rename(CustomerId id, String name) {
        Customer customer = load(id);
        customer.rename(name.strip());
        return Account.of(customer);
    }

    @Transactional(readOnly = true)
    public Page<Account> list(Pageable pageable) {
        return customers.findAllBy(pageable).map(Account::of);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerSummary> find(CustomerId id) {
        return customers.findById(id.value()).map(Customer::summary);
    }

    private Customer load(CustomerId id) {
        return customers.findById(id.value()).orElseThrow(CustomerNotFound::new);
    }
}
