package fr.numi.contracts.database;

import com.mongodb.reactivestreams.client.MongoClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;

/**
 * The reactive MongoDB client with every operation behind one circuit breaker. The driver's API is a tree of interfaces
 * (client → database → collection → publishers such as {@code FindPublisher}, whose settings return publishers again);
 * each interface of {@code com.mongodb.reactivestreams.client} that a call returns is wrapped the same way, and the
 * moment an operation does I/O, its subscription, goes through Resilience4j's {@link CircuitBreakerOperator}: refused at
 * once while the breaker is open ({@code CallNotPermittedException}), its outcome recorded otherwise. Everything a
 * service does with MongoDB goes through the client, so Spring Data's template and repositories, GridFS, the direct
 * collection calls of the stores and the readiness check are all guarded, with no change to them.
 */
final class GuardedMongo implements InvocationHandler {

    private static final String DRIVER_API = "com.mongodb.reactivestreams.client";

    private final Object target;
    private final CircuitBreaker breaker;

    private GuardedMongo(Object target, CircuitBreaker breaker) {
        this.target = target;
        this.breaker = breaker;
    }

    static MongoClient client(MongoClient client, CircuitBreaker breaker) {
        return (MongoClient) wrap(client, MongoClient.class, breaker);
    }

    /** The target itself when it is not guarded. */
    static Object unwrap(Object maybeGuarded) {
        if (maybeGuarded != null && Proxy.isProxyClass(maybeGuarded.getClass())
                && Proxy.getInvocationHandler(maybeGuarded) instanceof GuardedMongo guarded) {
            return guarded.target;
        }
        return maybeGuarded;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] != null && unwrap(args[0]) == target;
                case "hashCode" -> target.hashCode();
                default -> "guarded " + target;
            };
        }
        if (target instanceof Publisher<?> publisher && method.getName().equals("subscribe") && args != null && args.length == 1
                && args[0] instanceof Subscriber<?> subscriber) {
            subscribeGuarded(publisher, subscriber);
            return null;
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return wrap(result, method.getReturnType(), breaker);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void subscribeGuarded(Publisher<?> publisher, Subscriber<?> subscriber) {
        Flux.from(publisher).transformDeferred(CircuitBreakerOperator.of(breaker)).subscribe((Subscriber) subscriber);
    }

    private static Object wrap(Object result, Class<?> declared, CircuitBreaker breaker) {
        if (result == null || !declared.isInterface() || Proxy.isProxyClass(result.getClass())) {
            return result;
        }
        if (declared.getName().startsWith(DRIVER_API) && declared.isInstance(result)) {
            return Proxy.newProxyInstance(declared.getClassLoader(), new Class<?>[] {declared}, new GuardedMongo(result, breaker));
        }
        if (declared == Publisher.class) {
            return Flux.from((Publisher<?>) result).transformDeferred(CircuitBreakerOperator.of(breaker));
        }
        return result;
    }
}
