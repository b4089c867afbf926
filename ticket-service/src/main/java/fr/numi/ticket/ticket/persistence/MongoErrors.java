package fr.numi.ticket.ticket.persistence;

import org.springframework.dao.DuplicateKeyException;

/** MongoDB's "duplicate key" (11000), as the driver or Spring reports it: a unique {@code _id} already taken. */
final class MongoErrors {

    private MongoErrors() {}

    static boolean duplicateKey(Throwable e) {
        return e instanceof com.mongodb.MongoWriteException w && w.getError().getCode() == 11000
                || e instanceof com.mongodb.MongoCommandException c && c.getErrorCode() == 11000
                || e instanceof DuplicateKeyException;
    }
}
