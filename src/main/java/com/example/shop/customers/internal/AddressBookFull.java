package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A customer's address book holds at most {@link AddressBookService#MAX_ADDRESSES} entries. */
public class AddressBookFull extends ShopException {

    public AddressBookFull() {
        super(new ErrorType("address-book-full", "Address book full", 409),
                "The address book holds at most " + AddressBookService.MAX_ADDRESSES + " addresses.", false);
    }
}
