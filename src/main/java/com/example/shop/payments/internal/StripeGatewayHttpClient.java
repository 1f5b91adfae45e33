package com.example.shop.payments.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;

/**
 * stripe-java's own HTTP client, with every request to Stripe observed: a timer {@code shop.stripe.requests}
 * (tagged with the method, the API resource such as {@code payment_intents}, and the status code or
 * {@code IO_ERROR}), and, with tracing on, a client span whose W3C {@code traceparent} header goes to Stripe
 * with the request. stripe-java lets a client replace its {@code HttpClient}
 * ({@code StripeClient.builder().setHttpClient}); each attempt of its network retries comes through here.
 * {@link StripeRequest} is immutable, so the tracing propagator writes its headers into a holder that swaps
 * in a copy with the header added.
 */
final class StripeGatewayHttpClient extends HttpURLConnectionClient {

    private static final Pattern RESOURCE = Pattern.compile("^/v\\d+/([a-z_]+)");

    private final ObservationRegistry observations;

    StripeGatewayHttpClient(ObservationRegistry observations) {
        this.observations = observations;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        StripeCall context = new StripeCall(request);
        Observation observation = Observation.createNotStarted("shop.stripe.requests", () -> context, observations)
                .contextualName("stripe " + request.method().name() + " " + resource(request))
                .lowCardinalityKeyValue("method", request.method().name())
                .lowCardinalityKeyValue("resource", resource(request))
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            StripeResponse response = super.request(context.getCarrier().request);
            context.setResponse(response);
            observation.lowCardinalityKeyValue("status", Integer.toString(response.code()));
            return response;
        } catch (ApiConnectionException | RuntimeException e) {
            observation.lowCardinalityKeyValue("status", "IO_ERROR");
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** {@code /v1/payment_intents/pi_123/cancel} is {@code payment_intents}: never an id in a tag. */
    static String resource(StripeRequest request) {
        Matcher matcher = RESOURCE.matcher(request.url().getPath());
        return matcher.find() ? matcher.group(1) : "other";
    }

    /** The request on its way, its headers writable by the tracing propagator. */
    static final class Outgoing {
        StripeRequest request;

        Outgoing(StripeRequest request) {
            this.request = request;
        }
    }

    static final class StripeCall extends RequestReplySenderContext<Outgoing, StripeResponse> {
        StripeCall(StripeRequest request) {
            super((carrier, key, value) -> {
                if (carrier != null) {
                    carrier.request = carrier.request.withAdditionalHeader(key, value);
                }
            });
            setCarrier(new Outgoing(request));
            setRemoteServiceName("stripe");
        }
    }
}
