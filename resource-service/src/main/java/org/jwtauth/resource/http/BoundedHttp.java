package org.jwtauth.resource.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches from the auth server (JWK Set, revocation feed) with one overall deadline and a cap on the
 * body, so that a slow, trickling or huge answer can neither stall a caller nor fill the heap.
 */
public final class BoundedHttp {

    private BoundedHttp() {
    }

    /**
     * Sends the request and waits at most {@code deadline} for the status, headers and whole body.
     * Only a 200 body is read (up to {@code maxBytes}); any other status comes back with an empty body.
     *
     * @throws IOException on network failure, timeout, or a body larger than {@code maxBytes}
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, int maxBytes, Duration deadline)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, info -> info.statusCode() == 200
                ? new BoundedBodySubscriber(maxBytes)
                : BodySubscribers.replacing(new byte[0]));
        try {
            // One deadline for connect, headers and body: a server that trickles bytes cannot stall us.
            return response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new IOException("no complete response within " + deadline, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof IOException io ? io : new IOException(describe(cause), cause);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    /** One short line for a log or health detail: parser messages can span lines and quote the response body. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String oneLine = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (oneLine.length() > 200) {
            oneLine = oneLine.substring(0, 200) + "...";
        }
        return e.getClass().getSimpleName() + ": " + oneLine;
    }

    /** Collects at most {@code maxBytes} of a body; a larger one fails instead of filling the heap. */
    private static final class BoundedBodySubscriber implements BodySubscriber<byte[]> {

        private final int maxBytes;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBodySubscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("response is larger than " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
