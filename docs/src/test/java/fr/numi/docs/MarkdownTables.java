package fr.numi.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a Markdown table whose first cell is a `code` name, found under a heading. */
final class MarkdownTables {

    private MarkdownTables() {}

    /**
     * @param heading the heading the table follows, e.g. {@code ## Dead letters}
     * @return each row's cells, the first one without its backticks
     */
    static List<List<String>> rows(Path file, String heading) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError(file.getFileName() + " has no section " + heading);
        }
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
                List<String> row = new ArrayList<>(Arrays.stream(cells).map(String::strip).toList());
                row.set(0, row.get(0).replace("`", ""));
                rows.add(row);
            }
        }
        return rows;
    }
}
