package com.example.shop.customers.internal;

/** The port through which password-reset links reach their owners. */
interface PasswordResetMail {

    void send(String email, String name, String link);
}
