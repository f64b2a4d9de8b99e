package dev.shadowheap.report;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.analysis.SiteCount;
import dev.shadowheap.analysis.WeakFieldSuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report written by {@link JsonReportWriter} back into a {@link RunReport}. Refuses any
 * schema but {@value JsonReportWriter#SCHEMA}; ignores fields it does not know (later minor additions)
 * and the derived figures; a missing or mistyped field raises an {@link IllegalArgumentException}
 * naming its path, e.g. {@code leaks.groups[2].bytes}.
 */
public final class JsonReportReader {

    public RunReport read(String json) {
        Map<String, Object> root = object(Json.parse(json), "$");
        String schema = string(root, "schema", "");
        if (!JsonReportWriter.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("report schema \"" + schema + "\" is not " + JsonReportWriter.SCHEMA);
        }
        List<GenerationStats> generations = new ArrayList<>();
        List<Object> gens = list(root, "generations", "");
        for (int i = 0; i < gens.size(); i++) {
            String path = "generations[" + i + "]";
            Map<String, Object> g = object(gens.get(i), path);
            generations.add(new GenerationStats((int) count(g, "generation", path), count(g, "collections", path),
                    count(g, "collected", path), count(g, "uncollectable", path)));
        }
        return new RunReport(string(root, "tool", ""), string(root, "profile", ""),
                tracking(object(field(root, "tracking", ""), "tracking")), generations,
                pools(field(root, "pools", "")), leaks(object(field(root, "leaks", ""), "leaks")),
                audit(field(root, "audit", "")), root.containsKey("mode") ? mode(object(root.get("mode"), "mode")) : null);
    }

    /** Optional: reports written before tracking modes existed have no {@code mode}. */
    private static TrackingMode mode(Map<String, Object> m) {
        return new TrackingMode(string(m, "name", "mode"), strings(m, "include", "mode"), strings(m, "exclude", "mode"),
                real(m, "windowSeconds", "mode"), real(m, "everySeconds", "mode"), count(m, "windows", "mode"),
                real(m, "trackedSeconds", "mode"), real(m, "runSeconds", "mode"), count(m, "objects", "mode"),
                count(m, "retiredObjects", "mode"), count(m, "notSelected", "mode"));
    }

    private static List<String> strings(Map<String, Object> map, String name, String parent) {
        List<String> strings = new ArrayList<>();
        List<Object> items = list(map, name, parent);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String text)) {
                throw new IllegalArgumentException("report field " + path(parent, name) + "[" + i + "] is not a string");
            }
            strings.add(text);
        }
        return strings;
    }

    private static double real(Map<String, Object> map, String name, String parent) {
        Object value = field(map, name, parent);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("report field " + path(parent, name) + " is not a number");
        }
        return number.doubleValue();
    }

    private static Tracking tracking(Map<String, Object> t) {
        Map<String, Long> blindSpots = new LinkedHashMap<>();
        Map<String, Object> spots = object(field(t, "blindSpots", "tracking"), "tracking.blindSpots");
        for (String name : spots.keySet()) {
            blindSpots.put(name, count(spots, name, "tracking.blindSpots"));
        }
        return new Tracking(count(t, "objects", "tracking"), count(t, "bytes", "tracking"),
                count(t, "edges", "tracking"), count(t, "classes", "tracking"), blindSpots);
    }

    private static PoolSummary pools(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> p = object(value, "pools");
        Object fragmentation = field(p, "fragmentationPercent", "pools");
        if (!(fragmentation instanceof Number number)) {
            throw new IllegalArgumentException("report field pools.fragmentationPercent is not a number");
        }
        return new PoolSummary(count(p, "arenasAllocatedTotal", "pools"), count(p, "arenasCurrent", "pools"),
                count(p, "arenasHighwater", "pools"), count(p, "poolsInUse", "pools"),
                count(p, "bytesInBlocks", "pools"), number.doubleValue());
    }

    private static LeakSummary leaks(Map<String, Object> l) {
        List<CycleGroup> groups = new ArrayList<>();
        List<Object> items = list(l, "groups", "leaks");
        for (int i = 0; i < items.size(); i++) {
            String path = "leaks.groups[" + i + "]";
            Map<String, Object> g = object(items.get(i), path);
            List<SiteCount> sites = new ArrayList<>();
            List<Object> siteItems = list(g, "topSites", path);
            for (int s = 0; s < siteItems.size(); s++) {
                String sitePath = path + ".topSites[" + s + "]";
                Map<String, Object> site = object(siteItems.get(s), sitePath);
                sites.add(new SiteCount(string(site, "site", sitePath), count(site, "count", sitePath)));
            }
            groups.add(new CycleGroup(string(g, "shape", path), count(g, "cycles", path), count(g, "objects", path),
                    count(g, "bytes", path), count(g, "hangersOn", path), count(g, "hangerOnBytes", path), sites));
        }
        Map<String, Object> w = object(field(l, "weakFields", "leaks"), "leaks.weakFields");
        List<String> labels = new ArrayList<>();
        List<Object> labelItems = list(w, "labels", "leaks.weakFields");
        for (int i = 0; i < labelItems.size(); i++) {
            if (!(labelItems.get(i) instanceof String label)) {
                throw new IllegalArgumentException("report field leaks.weakFields.labels[" + i + "] is not a string");
            }
            labels.add(label);
        }
        if (!(field(w, "exact", "leaks.weakFields") instanceof Boolean exact)) {
            throw new IllegalArgumentException("report field leaks.weakFields.exact is not a boolean");
        }
        WeakFieldSuggestion weak = new WeakFieldSuggestion(labels, count(w, "edgesRemoved", "leaks.weakFields"), exact);
        return new LeakSummary(count(l, "objects", "leaks"), count(l, "bytes", "leaks"),
                count(l, "unattributedObjects", "leaks"), groups, weak);
    }

    private static EdgeAudit audit(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> a = object(value, "audit");
        return new EdgeAudit(count(a, "sampledObjects", "audit"), count(a, "slotsChecked", "audit"),
                count(a, "mismatches", "audit"));
    }

    private static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static Object field(Map<String, Object> map, String name, String parent) {
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException("report field " + path(parent, name) + " is missing");
        }
        return map.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String path) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("report field " + path + " is not an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String name, String parent) {
        Object value = field(map, name, parent);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("report field " + path(parent, name) + " is not an array");
        }
        return (List<Object>) value;
    }

    private static String string(Map<String, Object> map, String name, String parent) {
        Object value = field(map, name, parent);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("report field " + path(parent, name) + " is not a string");
        }
        return text;
    }

    private static long count(Map<String, Object> map, String name, String parent) {
        Object value = field(map, name, parent);
        if (!(value instanceof Long number)) {
            throw new IllegalArgumentException("report field " + path(parent, name) + " is not an integer");
        }
        return number;
    }
}
