package com.example.shop.customers.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.customers.CustomerId;
import com.example.shop.customers.Role;

/** Reads the caller from the validated access token: its subject is the customer id. */
@Component
class SecurityContextCurrentCustomer implements CurrentCustomer {

    @Override
    public Optional<CustomerId> id() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CustomerId(UUID.fromString(token.getToken().getSubject())));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<Role> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!(authentication instanceof JwtAuthenticationToken)) {
            return roles;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
