package com.example.shop.customers.internal;

/** A customer's address book holds at most {@link AddressBookService#MAX_ADDRESSES} entries. */
public class AddressBookFull extends RuntimeException {

    public AddressBookFull() {
        super("The address book holds at most " + AddressBookService.MAX_ADDRESSES + " addresses.", null, false, false);
    }
}
