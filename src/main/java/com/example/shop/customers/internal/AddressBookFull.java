package com.example.shop.customers.internal;

/** A customer's address book holds at most {@link AddressBook#MAX_ADDRESSES} entries. */
public class AddressBookFull extends RuntimeException {

    public AddressBookFull() {
        super("The address book holds at most " + AddressBook.MAX_ADDRESSES + " addresses.", null, false, false);
    }
}
