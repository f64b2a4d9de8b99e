package dev.shadowheap.model.gc.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A garbage-collector scenario as data: class declarations and a list of operations, parsed from a
 * small line format (see {@code src/test/resources/gc/README.md}). The same scenario is turned into a
 * Python program ({@link PythonProgram}) and replayed on the model ({@link ModelRunner}).
 */
public final class Scenario {

    /** A class: its reference slots and finalizer kind ({@code none}, {@code fin}, {@code resurrect}, {@code legacy}). */
    public record ClassDef(String name, int index, List<String> slots, String finalizer) {
    }

    /** One operation; {@code body} is only used by {@code repeat}. {@code index} numbers top-level ops. */
    public record Op(String kind, List<String> args, int count, List<Op> body, int index) {
        String arg(int i) {
            return args.get(i);
        }
    }

    private static final Set<String> KINDS = Set.of("new", "set", "del", "keep", "collect", "count", "stats",
            "threshold", "enable", "disable", "freeze", "unfreeze", "freezecount", "debug", "garbage",
            "cleargarbage", "fincalls", "unresurrect", "weakref", "wrcalls", "alive", "objects");
    private static final Set<String> FINALIZERS = Set.of("none", "fin", "resurrect", "legacy");

    private final String name;
    private final Map<String, ClassDef> classes;
    private final List<Op> ops;
    private final List<String> locals;

    private Scenario(String name, Map<String, ClassDef> classes, List<Op> ops, List<String> locals) {
        this.name = name;
        this.classes = classes;
        this.ops = ops;
        this.locals = locals;
    }

    public String name() {
        return name;
    }

    public Map<String, ClassDef> classes() {
        return classes;
    }

    public List<Op> ops() {
        return ops;
    }

    public List<String> locals() {
        return locals;
    }

    public boolean needsLegacyFinalizers() {
        return classes.values().stream().anyMatch(c -> c.finalizer().equals("legacy"));
    }

    /** Number of objects kept by {@code keep} operations: the size of the Python keep list. */
    public int keepCapacity() {
        int total = 0;
        for (Op op : ops) {
            if (op.kind().equals("repeat")) {
                long keeps = op.body().stream().filter(b -> b.kind().equals("keep")).count();
                total += (int) (keeps * op.count());
            } else if (op.kind().equals("keep")) {
                total++;
            }
        }
        return total;
    }

    public static Scenario load(Path file) {
        try {
            return parse(file.getFileName().toString().replaceFirst("\\.scn$", ""),
                    Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario parse(String name, List<String> lines) {
        Map<String, ClassDef> classes = new LinkedHashMap<>();
        List<Op> ops = new ArrayList<>();
        List<String> locals = new ArrayList<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("class ")) {
                    String[] words = line.substring(6).trim().split("\\s+");
                    List<String> slots = new ArrayList<>();
                    String fin = "none";
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].startsWith("finalizer=")) {
                            fin = words[i].substring("finalizer=".length());
                            if (!FINALIZERS.contains(fin)) {
                                throw new IllegalArgumentException("unknown finalizer kind " + fin);
                            }
                        } else {
                            slots.add(words[i]);
                        }
                    }
                    classes.put(words[0], new ClassDef(words[0], classes.size() + 1, List.copyOf(slots), fin));
                } else if (line.startsWith("repeat ")) {
                    int colon = line.indexOf(':');
                    int count = Integer.parseInt(line.substring(7, colon).trim());
                    List<Op> body = new ArrayList<>();
                    for (String part : line.substring(colon + 1).split(";")) {
                        body.add(op(part.trim(), 0, List.of(), classes, locals, -1));
                    }
                    ops.add(new Op("repeat", List.of(), count, List.copyOf(body), ops.size()));
                } else {
                    ops.add(op(line, 0, List.of(), classes, locals, ops.size()));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage() + " in '" + raw + "'", e);
            }
        }
        return new Scenario(name, classes, List.copyOf(ops), List.copyOf(locals));
    }

    private static Op op(String text, int count, List<Op> body, Map<String, ClassDef> classes, List<String> locals,
            int index) {
        String[] words = text.split("\\s+");
        String kind = words[0];
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown operation " + kind);
        }
        List<String> args = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
        switch (kind) {
            case "new" -> {
                declare(locals, args.get(0));
                requireClass(classes, args.get(1));
            }
            case "keep" -> requireClass(classes, args.get(0));
            case "weakref" -> declare(locals, args.get(0));
            case "set" -> {
                String[] target = args.get(0).split("\\.");
                if (target.length != 2) {
                    throw new IllegalArgumentException("set needs local.slot");
                }
                args = List.of(target[0], target[1], args.get(1));
            }
            default -> { }
        }
        return new Op(kind, List.copyOf(args), count, body, index);
    }

    private static void declare(List<String> locals, String local) {
        if (!local.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad local name " + local);
        }
        if (!locals.contains(local)) {
            locals.add(local);
        }
    }

    private static void requireClass(Map<String, ClassDef> classes, String name) {
        if (!classes.containsKey(name)) {
            throw new IllegalArgumentException("undeclared class " + name);
        }
    }
}
