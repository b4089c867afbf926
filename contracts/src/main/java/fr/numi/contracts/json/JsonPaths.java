package fr.numi.contracts.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Where in a JSON document Jackson could not bind a value, as a field path: {@code contact.kind}, {@code ids[1]}. */
public final class JsonPaths {

    private JsonPaths() {}

    /** The path of the first {@link DatabindException} in the cause chain that has one; null when none has. */
    public static String fieldOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : databind.getPath()) {
                    if (ref.getPropertyName() != null) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }
}
