package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Prices are in the shop's currency only. */
public class WrongCurrency extends ShopException {

    public WrongCurrency(String shopCurrency, String given) {
        super(new ErrorType("wrong-currency", "Wrong currency", 400),
                "Prices are in the shop's currency, " + shopCurrency + "; got " + given + ".", "price.currency");
    }
}
