package com.example.shop.pricing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * What other modules ask of pricing. One function prices: {@link #quote} is what a quote shows, what checkout
 * charges and what the order keeps. Claiming and releasing a discount code's use join the caller's transaction,
 * so a use is claimed with the order that takes it and given back with the cancellation that frees it.
 */
public interface Pricing {

    /**
     * Prices the lines for the country with the shipping method and discount code asked for; no side effect.
     *
     * @throws UnknownCountry                  never for a {@link CountryCode} (it is valid by construction)
     * @throws ShippingMethodRequired           no method asked for although active methods ship to the country
     * @throws ShippingMethodUnavailable        the method is unknown, inactive, or does not ship to the country
     * @throws DiscountCodeRejected             the code is unknown, inactive, outside its window, above the
     *                                          subtotal's minimum, used up or used up by this buyer (422 each)
     */
    Quote quote(QuoteRequest request);

    /** The active shipping methods that ship to {@code country}, priced for {@code subtotal} (unknown: null). */
    List<ShippingOption> shippingOptions(CountryCode country, @Nullable Money subtotal);

    /**
     * Claims one use of the quote's discount code for {@code reference} (an order id), in the caller's
     * transaction: one conditional update of the code's row (active, inside its window, below its usage limit),
     * then, under that row's lock, the buyer's uses against the per-buyer limit. Nothing happens when the quote
     * applied no code.
     *
     * @throws DiscountCodeRanOut   the last use (or the buyer's last use) went to a concurrent order (409)
     * @throws DiscountCodeRejected the code was deleted, deactivated or expired since the quote (422)
     */
    void claimDiscount(Quote quote, String reference, BuyerKey buyer);

    /**
     * Gives back the use claimed for {@code reference}, in the caller's transaction, exactly once however often
     * it is called: the use is marked released by a conditional update, and only the call that did so gives it
     * back to the code and the buyer.
     *
     * @return whether this call gave a use back (false: none was claimed, or it was given back already)
     */
    boolean releaseDiscount(String reference);
}
