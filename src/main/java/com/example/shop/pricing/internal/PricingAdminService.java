package com.example.shop.pricing.internal;

import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.pricing.CountryCode;
import com.example.shop.shared.Money;
import com.example.shop.shared.ShopException;

/**
 * What an admin configures: shipping methods, tax rates and discount codes. Codes are unique (discount codes in
 * any spelling of their letters): checked up front for a clear answer and backed by the unique indexes for the race
 * between two admins. A change applies to orders placed after it; placed orders keep what they were charged.
 */
@Service
@Transactional
public class PricingAdminService {

    private final ShippingMethods methods;
    private final TaxRates taxRates;
    private final DiscountCodes codes;
    private final DiscountLedger ledger;
    private final Currency currency;
    private final Clock clock = Clock.systemUTC();

    PricingAdminService(ShippingMethods methods, TaxRates taxRates, DiscountCodes codes, DiscountLedger ledger,
            @Value("${shop.currency:EUR}") String currency) {
        this.methods = methods;
        this.taxRates = taxRates;
        this.codes = codes;
        this.ledger = ledger;
        this.currency = Money.currency(currency);
    }

    // --- shipping methods --------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<ShippingMethodView> shippingMethods() {
        return methods.findAllByCode().stream().map(ShippingMethod::view).toList();
    }

    @Transactional(readOnly = true)
    public ShippingMethodView shippingMethod(String code) {
        return loadMethod(code).view();
    }

    public ShippingMethodView createShippingMethod(ShippingMethodCommand command) {
        if (methods.existsByCode(command.code())) {
            throw DuplicateCode.shippingMethod(command.code());
        }
        ShippingMethod method = ShippingMethod.create(command, currency, clock.instant());
        flush(() -> methods.saveAndFlush(method), () -> DuplicateCode.shippingMethod(command.code()));
        return method.view();
    }

    /** Changes everything of a method but its code. */
    public ShippingMethodView updateShippingMethod(String code, ShippingMethodCommand command) {
        ShippingMethod method = loadMethod(code);
        method.revise(command, currency, clock.instant());
        methods.flush();
        return method.view();
    }

    /** Deletes the method; orders placed with it keep its code, name and price. */
    public void deleteShippingMethod(String code) {
        methods.delete(loadMethod(code));
    }

    private ShippingMethod loadMethod(String code) {
        return methods.findByCode(code).orElseThrow(() -> NotFound.shippingMethod(code));
    }

    // --- tax rates ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<TaxRateView> taxRates() {
        return taxRates.findAllByCountry().stream().map(TaxRate::view).toList();
    }

    @Transactional(readOnly = true)
    public TaxRateView taxRate(CountryCode country) {
        return taxRates.findById(country.value()).map(TaxRate::view)
                .orElseThrow(() -> NotFound.taxRate(country.value()));
    }

    /** What {@link #setTaxRate} did. */
    public record TaxRateSet(TaxRateView rate, boolean created) {
    }

    /** Sets the country's rate, creating it or replacing the one it had. */
    public TaxRateSet setTaxRate(CountryCode country, java.math.BigDecimal rate) {
        var existing = taxRates.findById(country.value());
        if (existing.isPresent()) {
            existing.get().change(rate, clock.instant());
            taxRates.flush();
            return new TaxRateSet(existing.get().view(), false);
        }
        TaxRate created = new TaxRate(country, rate, clock.instant());
        flush(() -> taxRates.saveAndFlush(created), ConcurrentRateChange::new);
        return new TaxRateSet(created.view(), true);
    }

    public void deleteTaxRate(CountryCode country) {
        TaxRate rate = taxRates.findById(country.value()).orElseThrow(() -> NotFound.taxRate(country.value()));
        taxRates.delete(rate);
    }

    // --- discount codes ----------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<DiscountCodeView> discountCodes(Pageable page) {
        return codes.findAllByCode(page).map(code -> code.view(ledger.inUse(code.id())));
    }

    @Transactional(readOnly = true)
    public DiscountCodeView discountCode(String code) {
        DiscountCode found = loadCode(code);
        return found.view(ledger.inUse(found.id()));
    }

    public DiscountCodeView createDiscountCode(DiscountCodeCommand command) {
        DiscountCode code = DiscountCode.create(command, currency, clock.instant());
        if (codes.existsByCode(code.code())) {
            throw DuplicateCode.discountCode(command.code());
        }
        flush(() -> codes.saveAndFlush(code), () -> DuplicateCode.discountCode(command.code()));
        return code.view(0);
    }

    /**
     * Changes everything of a code but its name and its uses. The code's row is locked first (the claims in flight
     * finish before), and its uses are counted again: a code without a usage limit does not keep its count on
     * every claim, so a limit set now starts from the uses orders hold.
     */
    public DiscountCodeView updateDiscountCode(String name, DiscountCodeCommand command) {
        DiscountCode code = loadCode(name);
        int inUse = ledger.recount(code.id());
        code.revise(command, currency, clock.instant());
        codes.flush();
        return code.view(inUse);
    }

    /** Deletes the code; orders placed with it keep it, and cancelling one of them gives nothing back to it. */
    public void deleteDiscountCode(String name) {
        codes.delete(loadCode(name));
    }

    private DiscountCode loadCode(String name) {
        return codes.findByCode(DiscountCode.canonical(name)).orElseThrow(() -> NotFound.discountCode(name));
    }

    private static void flush(Runnable save, Supplier<ShopException> onDuplicate) {
        try {
            save.run();
        } catch (DataIntegrityViolationException e) {
            throw onDuplicate.get();
        }
    }

    /** Another admin created the country's rate at the same moment. */
    static class ConcurrentRateChange extends ShopException {

        ConcurrentRateChange() {
            super(com.example.shop.shared.ErrorType.STALE_VERSION,
                    "Someone else set this country's rate at the same moment; send the request again.");
        }
    }
}
