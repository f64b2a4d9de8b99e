package dev.shadowheap.model.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.scenario.Interpreters;
import dev.shadowheap.model.gc.scenario.ModelRunner;
import dev.shadowheap.model.gc.scenario.PythonProgram;
import dev.shadowheap.model.gc.scenario.PythonRun;
import dev.shadowheap.model.gc.scenario.Scenario;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario in {@code src/test/resources/gc/*.scn} runs on every CPython found on this machine and
 * on the model with the matching profile; the record lines (collections with generation, collected and
 * uncollectable; counts; stats; gc.garbage; finalizer and weakref-callback counts; DEBUG_STATS output)
 * must be identical.
 */
class CPythonDifferentialTest {

    private static final int RECORD_CAPACITY = 400_000;

    @TestFactory
    Stream<DynamicTest> scenariosAgreeWithRealCPython() throws Exception {
        List<Interpreters.Interpreter> interpreters = Interpreters.available();
        assumeTrue(!interpreters.isEmpty(), "no CPython interpreter found");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : scenarioFiles()) {
            Scenario scenario = Scenario.load(file);
            for (Interpreters.Interpreter interpreter : interpreters) {
                tests.add(DynamicTest.dynamicTest(scenario.name() + " on " + interpreter.version(),
                        () -> check(scenario, interpreter)));
            }
        }
        return tests.stream();
    }

    private static void check(Scenario scenario, Interpreters.Interpreter interpreter) throws Exception {
        if (scenario.needsLegacyFinalizers() && !hasWithTpDel(interpreter)) {
            System.out.println("[gc differential] " + scenario.name() + " skipped on " + interpreter.version()
                    + ": _testcapi.with_tp_del is not available");
            return;
        }
        PythonRun python = PythonRun.run(interpreter, PythonProgram.generate(scenario, RECORD_CAPACITY));
        List<String> expected = normalize(python.lines());
        compare(scenario, python, expected, interpreter.profile());
        if (interpreter.profile() == CPythonProfile.PY_3_13) {
            // 3.14.5+ restored the 3.13 collector unchanged for everything the shadow models.
            compare(scenario, python, expected, CPythonProfile.PY_3_14_5);
        }
    }

    private static void compare(Scenario scenario, PythonRun python, List<String> expected, CPythonProfile profile) {
        List<String> model = new ModelRunner(scenario, profile, python.gcNoise(), python.countNoise()).run();
        List<String> actual = normalize(model);
        System.out.println("[gc differential] " + scenario.name() + " on CPython " + python.version() + " vs profile "
                + profile.version() + ": " + expected.size() + " lines, noise gc=" + python.gcNoise()
                .stream().mapToInt(Integer::intValue).sum() + " count=" + python.countNoise().stream()
                .mapToInt(Integer::intValue).sum());
        if (Boolean.getBoolean("gc.dump")) {
            System.out.println(String.join("\n", expected));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                scenario.name() + ": model (" + profile.version() + ") differs from CPython " + python.version());
    }

    static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replaceAll("[0-9.]+s elapsed", "<t>s elapsed").replaceAll(" 0x[0-9a-f]+>", ">"));
        }
        return out;
    }

    private static boolean hasWithTpDel(Interpreters.Interpreter interpreter) throws Exception {
        Process p = new ProcessBuilder(interpreter.executable().toString(), "-c",
                "import _testcapi; assert hasattr(_testcapi, 'with_tp_del')").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static List<Path> scenarioFiles() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(CPythonDifferentialTest.class.getResource("/gc").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".scn")).sorted().toList();
        }
    }
}
