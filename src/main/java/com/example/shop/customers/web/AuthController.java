package com.example.shop.customers.web;

import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.customers.internal.AccountService;
import com.example.shop.customers.internal.Emails;
import com.example.shop.customers.internal.LoginService;
import com.example.shop.customers.internal.PasswordResetService;

@Tag(name = "Auth", description = "Registration, login, token refresh, logout and password reset")
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AccountService accounts;
    private final LoginService logins;
    private final PasswordResetService passwordResets;
    private final CurrentCustomer currentCustomer;
    private final CustomerWebMapper mapper;

    AuthController(AccountService accounts, LoginService logins, PasswordResetService passwordResets,
            CurrentCustomer currentCustomer, CustomerWebMapper mapper) {
        this.accounts = accounts;
        this.logins = logins;
        this.passwordResets = passwordResets;
        this.currentCustomer = currentCustomer;
        this.mapper = mapper;
    }

    /** Only these fields are read: {@code roles}, {@code id} or {@code admin} in the body are ignored. */
    record RegisterRequest(
            @Schema(example = "jane@example.com") @NotBlank @Email @Size(max = 254) String email,
            @Schema(example = "correct-horse-battery") @NotNull @Size(min = 8, max = 72, message = "must have between 8 and 72 characters") String password,
            @Schema(example = "Jane Doe") @NotBlank @Size(max = 100) String name) {

        RegisterRequest {
            email = Emails.normalise(email);
        }

        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + "]";
        }
    }

    record Registered(UUID id, String email, String name) {
    }

    record LoginRequest(@Schema(example = "customer@shop.test") @NotBlank @Size(max = 254) String email,
            @Schema(example = "customer-password") @NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
            long refreshExpiresIn) {

        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresIn + "]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record PasswordResetRequest(@NotBlank @Email @Size(max = 254) String email) {

        PasswordResetRequest {
            email = Emails.normalise(email);
        }
    }

    record PasswordResetConfirmation(
            @NotBlank @Size(max = 200) String token,
            @NotNull @Size(min = 8, max = 72, message = "must have between 8 and 72 characters") String newPassword) {

        @Override
        public String toString() {
            return "PasswordResetConfirmation[]";
        }
    }

    @Operation(summary = "Register a customer account", description = """
            Registrations are throttled per client address (429 with Retry-After).""")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "400", description = "Invalid e-mail, name or password (at least 8 characters)")
    @ApiResponse(responseCode = "409", description = "The e-mail is already registered")
    @ApiResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    @PostMapping("/register")
    ResponseEntity<Registered> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        AccountService.Account account = accounts.register(request.email(), request.password(), request.name(),
                http.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/customers/me"))
                .body(mapper.toRegistered(account));
    }

    @Operation(summary = "Log in with e-mail and password", description = """
            Returns a short-lived access token (JWT) and a single-use refresh token. Failed attempts are
            throttled per e-mail and per client address (429 with Retry-After).""")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @ApiResponse(responseCode = "400", description = "Missing or invalid e-mail or password field")
    @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (the same answer for both)")
    @ApiResponse(responseCode = "429", description = "Too many failed attempts; see Retry-After")
    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return mapper.toTokens(logins.login(request.email(), request.password(), http.getRemoteAddr()));
    }

    @Operation(summary = "Exchange a refresh token for a new token pair", description = """
            The presented refresh token is used up. Presenting an already used token revokes the whole
            session (all tokens descended from the same login).""")
    @ApiResponse(responseCode = "200", description = "A new token pair")
    @ApiResponse(responseCode = "400", description = "Missing or too long refreshToken")
    @ApiResponse(responseCode = "401", description = "Unknown, expired, revoked or already used refresh token")
    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return mapper.toTokens(logins.refresh(request.refreshToken()));
    }

    @Operation(summary = "Log out: revoke the session of a refresh token")
    @SecurityRequirement(name = "bearerAuth")
    @ApiResponse(responseCode = "204", description = "Logged out (also for an unknown token)")
    @ApiResponse(responseCode = "400", description = "Missing or too long refreshToken")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        logins.logout(currentCustomer.require(), request.refreshToken());
    }

    @Operation(summary = "Ask for a password-reset link", description = """
            Always 202, whether or not the e-mail belongs to an account, and also beyond the limits per
            e-mail and per client address (then nothing is sent). While a link sent in the last few minutes
            is still unused, no new one is sent. The link carries a single-use token valid for a limited
            time.""")
    @ApiResponse(responseCode = "202", description = "Accepted")
    @ApiResponse(responseCode = "400", description = "Missing or invalid e-mail")
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestPasswordReset(@Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
        passwordResets.request(request.email(), http.getRemoteAddr());
    }

    @Operation(summary = "Set a new password with a reset token", description = """
            Revokes every refresh token of the account. Attempts are throttled per client address (429 with
            Retry-After).""")
    @ApiResponse(responseCode = "204", description = "Password changed")
    @ApiResponse(responseCode = "400", description = "Invalid, expired or used token, or a too short password")
    @ApiResponse(responseCode = "429", description = "Too many attempts from this address; see Retry-After")
    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmPasswordReset(@Valid @RequestBody PasswordResetConfirmation request, HttpServletRequest http) {
        passwordResets.confirm(request.token(), request.newPassword(), http.getRemoteAddr());
    }
}
