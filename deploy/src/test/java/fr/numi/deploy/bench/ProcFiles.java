package fr.numi.deploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** CPU time and resident memory of a process, as Linux's {@code /proc} tells them. */
final class ProcFiles {

    /** A process at one moment: CPU time used since it started (user + system, in clock ticks) and resident memory. */
    record Sample(long cpuTicks, long rssKib) {}

    private ProcFiles() {}

    /**
     * utime + stime (fields 14 and 15 of {@code /proc/<pid>/stat}, in clock ticks). The second field, the command
     * name in parentheses, may itself hold spaces and parentheses: fields are counted after its last ')'.
     */
    static long cpuTicks(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no command name");
        }
        String[] fields = statLine.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        if (fields.length < 13) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + fields.length + " fields after the command name");
        }
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** The {@code VmRSS:} line of {@code /proc/<pid>/status}, in KiB; 0 when absent (a zombie has none). */
    static long rssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length < 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("VmRSS not in kB: " + line);
                }
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /** The process now, or empty once it has gone. */
    static Optional<Sample> sample(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            return Optional.of(new Sample(
                    cpuTicks(Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8)),
                    rssKib(Files.readString(proc.resolve("status"), StandardCharsets.UTF_8))));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100, Linux's value on every common architecture, if it cannot say. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("[1-9][0-9]*")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** Whether this machine has {@code /proc} as Linux lays it out. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** {@code /proc/loadavg}'s first three numbers ("0.52 0.58 0.59"), or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** {@code MemTotal} of {@code /proc/meminfo} in MiB, or -1. */
    static long memoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return -1;
    }
}
