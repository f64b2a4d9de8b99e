package dev.shadowheap.workloads;

import java.util.SplittableRandom;

/**
 * Writes plausible Java classes from a seeded RNG for the PMD workload: fields, constructors, loops, switches,
 * try/catch, nested classes, lambdas and string building, with a sprinkling of the habits PMD rules look for
 * (unused locals, empty catch blocks, concatenation in loops, missing braces, equals without hashCode).
 * Every generated file parses as Java 17.
 */
final class JavaSourceGenerator {

    private static final String[] TYPES = {"int", "long", "String", "double", "boolean"};
    private static final String[] WORDS = {"order", "item", "count", "total", "name", "value", "index", "buffer",
        "limit", "cache", "entry", "result", "status", "owner", "parent", "child"};

    private final SplittableRandom random;

    JavaSourceGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The source of class {@code Generated<number>} in package {@code gen.p<number % 10>}. */
    String nextClass(int number) {
        StringBuilder src = new StringBuilder(8_192);
        src.append("package gen.p").append(number % 10).append(";\n\n")
                .append("import java.util.*;\nimport java.util.function.*;\n\n")
                .append("public class Generated").append(number).append(" {\n");
        int fields = 2 + random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            src.append(random.nextBoolean() ? "    private " : "    public ").append(type).append(' ')
                    .append(word()).append(f).append(" = ").append(initialValue(type)).append(";\n");
        }
        src.append("    private final List<String> names = new ArrayList<>();\n\n");
        src.append("    public Generated").append(number).append("(int seed) {\n        this.names.add(\"s\" + seed);\n    }\n\n");
        int methods = 4 + random.nextInt(10);
        for (int m = 0; m < methods; m++) {
            method(src, m);
        }
        if (random.nextInt(3) == 0) {
            src.append("    @Override\n    public boolean equals(Object other) {\n")
                    .append("        return other instanceof Generated").append(number)
                    .append(" && ((Generated").append(number).append(") other).names.equals(names);\n    }\n\n");
        }
        if (random.nextBoolean()) {
            src.append("    static class Node {\n        Node next;\n        Node prev;\n        Object payload;\n")
                    .append("        Node(Object payload) { this.payload = payload; }\n    }\n");
        }
        return src.append("}\n").toString();
    }

    private void method(StringBuilder src, int m) {
        String name = word() + "Step" + m;
        src.append("    public int ").append(name).append("(int a, String b) {\n");
        src.append("        int acc = a;\n");
        int statements = 3 + random.nextInt(8);
        for (int s = 0; s < statements; s++) {
            statement(src, s);
        }
        src.append("        return acc;\n    }\n\n");
    }

    private void statement(StringBuilder src, int s) {
        String v = word() + s;
        switch (random.nextInt(10)) {
            case 0 -> src.append("        int ").append(v).append(" = acc * ").append(random.nextInt(100)).append(";\n");
            case 1 -> src.append("        for (int i = 0; i < a; i++) {\n            acc += i % ")
                    .append(1 + random.nextInt(9)).append(";\n        }\n");
            case 2 -> src.append("        String ").append(v).append(" = \"\";\n        for (String n : names) {\n")
                    .append("            ").append(v).append(" += n;\n        }\n        acc += ").append(v)
                    .append(".length();\n");
            case 3 -> src.append("        try {\n            acc += Integer.parseInt(b);\n")
                    .append("        } catch (NumberFormatException e) {\n        }\n");
            case 4 -> src.append("        if (acc > ").append(random.nextInt(1000)).append(")\n            acc -= ")
                    .append(random.nextInt(50)).append(";\n");
            case 5 -> src.append("        switch (acc % 4) {\n            case 0: acc++; break;\n")
                    .append("            case 1: acc += 2;\n            default: acc--;\n        }\n");
            case 6 -> src.append("        Function<Integer, Integer> ").append(v).append(" = x -> x + ")
                    .append(random.nextInt(10)).append(";\n        acc = ").append(v).append(".apply(acc);\n");
            case 7 -> src.append("        StringBuilder ").append(v).append(" = new StringBuilder();\n        ")
                    .append(v).append(".append(b).append(acc);\n        names.add(").append(v)
                    .append(".toString());\n");
            case 8 -> src.append("        if (b != null && b.equals(\"").append(word()).append("\")) {\n")
                    .append("            System.out.println(\"match \" + acc);\n        }\n");
            default -> src.append("        Map<String, Integer> ").append(v).append(" = new HashMap<>();\n        ")
                    .append(v).append(".put(b, acc);\n        acc += ").append(v).append(".getOrDefault(\"")
                    .append(word()).append("\", 0);\n");
        }
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String initialValue(String type) {
        return switch (type) {
            case "int" -> Integer.toString(random.nextInt(1000));
            case "long" -> random.nextInt(1000) + "L";
            case "String" -> "\"" + word() + "\"";
            case "double" -> random.nextInt(100) + ".5";
            default -> Boolean.toString(random.nextBoolean());
        };
    }
}
