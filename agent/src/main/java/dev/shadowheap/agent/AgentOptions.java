package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.ClassNameGlob;
import dev.shadowheap.model.CPythonProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, {@code key=value} pairs separated by commas:
 * {@code -javaagent:shadowheap-agent.jar=out=report.json,format=both,profile=3.12,include=com.example.**}.
 * {@code include} and {@code exclude} may be repeated, or list several patterns separated by {@code ;}.
 */
public final class AgentOptions {

    /** Where the exit summary goes: text on stderr, JSON into {@code out}, or both. */
    public enum Format { TEXT, JSON, BOTH }

    static final String ACCEPTED = "out=<file>, format=text|json|both, profile=<CPython version>, "
            + "include=<class glob>, exclude=<class glob>, window=<seconds>, every=<seconds>, "
            + "audit=<objects per round, 0 = off>, auditInterval=<ms>, cache=<dir>|off, idfield=on|off";
    /** Longest window or period accepted, in seconds (a day). */
    static final double MAX_SECONDS = 86_400;

    private Path out;
    private Format format;
    private CPythonProfile profile = CPythonProfile.newest();
    private final List<ClassNameGlob> includes = new ArrayList<>();
    private final List<ClassNameGlob> excludes = new ArrayList<>();
    private int auditSample = 200;
    private long auditIntervalMillis = 1000;
    private double windowSeconds;
    private double everySeconds;
    /** Where rewritten classes are kept across runs; null for the default, {@link #cacheOff} for none. */
    private Path cacheDirectory;
    private boolean cacheOff;
    /** Whether application classes get the {@code IdField} (see docs/agent.md "Identity"). */
    private boolean idFields = true;

    private AgentOptions() {
    }

    /** Parses an agent argument string (null or empty means all defaults). */
    public static AgentOptions parse(String text) {
        AgentOptions options = new AgentOptions();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                options.apply(pair.trim());
            }
        }
        if (options.format == null) {
            options.format = options.out == null ? Format.TEXT : Format.BOTH;
        } else if (options.format != Format.TEXT && options.out == null) {
            throw new AgentOptionException("format=" + options.format.name().toLowerCase() + " needs out=<file>");
        }
        options.checkWindows();
        return options;
    }

    private void apply(String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            throw new AgentOptionException("option '" + pair + "' is not key=value (accepted: " + ACCEPTED + ")");
        }
        String key = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        switch (key) {
            case "out":
                out = Path.of(require(key, value));
                break;
            case "format":
                format = format(value);
                break;
            case "profile":
                try {
                    profile = CPythonProfile.byName(value);
                } catch (IllegalArgumentException e) {
                    throw new AgentOptionException("bad value for profile: " + e.getMessage());
                }
                break;
            case "include":
                includes.addAll(globs(key, value));
                break;
            case "exclude":
                excludes.addAll(globs(key, value));
                break;
            case "window":
                windowSeconds = seconds(key, value);
                break;
            case "every":
                everySeconds = seconds(key, value);
                break;
            case "audit":
                auditSample = (int) number(key, value, 1_000_000);
                break;
            case "auditInterval":
                auditIntervalMillis = number(key, value, 3_600_000);
                break;
            case "idfield":
                idFields = onOff(key, value);
                break;
            case "cache":
                cacheOff = "off".equals(require(key, value));
                cacheDirectory = cacheOff ? null : Path.of(value);
                break;
            default:
                throw new AgentOptionException("unknown option '" + key + "' (accepted: " + ACCEPTED + ")");
        }
    }

    private static boolean onOff(String key, String value) {
        switch (value) {
            case "on": return true;
            case "off": return false;
            default: throw new AgentOptionException("bad value for " + key + ": '" + value + "' (on or off)");
        }
    }

    private static String require(String key, String value) {
        if (value.isEmpty()) {
            throw new AgentOptionException("empty value for " + key);
        }
        return value;
    }

    private static Format format(String value) {
        switch (value) {
            case "text": return Format.TEXT;
            case "json": return Format.JSON;
            case "both": return Format.BOTH;
            default: throw new AgentOptionException("bad value for format: '" + value + "' (accepted: text, json, both)");
        }
    }

    private static long number(String key, String value, long max) {
        try {
            long number = Long.parseLong(value);
            if (number < 0 || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new AgentOptionException("bad value for " + key + ": '" + value + "' (accepted: 0.." + max + ")");
        }
    }

    private void checkWindows() {
        if ((windowSeconds > 0) != (everySeconds > 0)) {
            throw new AgentOptionException(windowSeconds > 0 ? "window=<seconds> needs every=<seconds>"
                    : "every=<seconds> needs window=<seconds>");
        }
        if (windowSeconds > 0 && everySeconds <= windowSeconds) {
            throw new AgentOptionException("every=" + everySeconds + " must be longer than window=" + windowSeconds
                    + " (without windows, leave both out)");
        }
    }

    /** Seconds, decimals allowed: above 0 and at most a day. */
    private static double seconds(String key, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds > 0 && seconds <= MAX_SECONDS) || value.endsWith("d") || value.endsWith("f")
                    || value.endsWith("D") || value.endsWith("F")) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new AgentOptionException("bad value for " + key + ": '" + value + "' (accepted: seconds above 0, at most "
                    + (long) MAX_SECONDS + ", e.g. 0.5)");
        }
    }

    private static List<ClassNameGlob> globs(String key, String value) {
        List<ClassNameGlob> globs = new ArrayList<>();
        for (String text : require(key, value).split(";")) {
            try {
                globs.add(ClassNameGlob.parse(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new AgentOptionException("bad value for " + key + ": " + e.getMessage());
            }
        }
        return globs;
    }

    public Path out() {
        return out;
    }

    public Format format() {
        return format;
    }

    public CPythonProfile profile() {
        return profile;
    }

    public List<ClassNameGlob> includes() {
        return List.copyOf(includes);
    }

    public List<ClassNameGlob> excludes() {
        return List.copyOf(excludes);
    }

    /** Whether tracking is on only inside windows. */
    /** Whether application classes defined after start-up get the id field ({@code idfield=}, on by default). */
    public boolean idFields() {
        return idFields;
    }

    public boolean windowed() {
        return windowSeconds > 0;
    }

    /** Length of one tracking window in seconds; 0 when tracking is not windowed. */
    public double windowSeconds() {
        return windowSeconds;
    }

    /** Seconds from one window's start to the next; 0 when tracking is not windowed. */
    public double everySeconds() {
        return everySeconds;
    }

    /** Objects re-read per periodic audit round; 0 turns the periodic audit off (the exit audit stays). */
    public int auditSample() {
        return auditSample;
    }

    public long auditIntervalMillis() {
        return auditIntervalMillis;
    }

    /**
     * The directory of the rewrite cache, or empty with {@code cache=off}. By default a directory of this user's in
     * the temporary directory: writable without setup, and per user because it holds code the JVM runs (see
     * docs/agent.md, "Rewrite cache").
     */
    public java.util.Optional<Path> cacheDirectory() {
        if (cacheOff) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(cacheDirectory != null ? cacheDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "shadowheap-cache-" + System.getProperty("user.name")));
    }
}
