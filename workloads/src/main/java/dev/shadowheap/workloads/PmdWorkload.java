package dev.shadowheap.workloads;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.Language;
import net.sourceforge.pmd.lang.LanguageRegistry;
import net.sourceforge.pmd.lang.document.FileId;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;

/**
 * Static analysis with PMD's Java rules (best practices, code style, design, error-prone, performance,
 * multithreading) over generated Java sources held in memory. One analysis thread and no incremental-analysis
 * cache, so every run does the same work; violations are counted per rule and printed in rule-name order.
 *
 * <p>Usage: {@code PmdWorkload [tens of files]}. Prints the counts per rule and a total.
 */
public final class PmdWorkload {

    static final String NAME = "pmd";
    private static final String[] RULESETS = {"bestpractices", "codestyle", "design", "errorprone", "performance",
        "multithreading"};

    private PmdWorkload() {
    }

    public static void main(String[] args) {
        int files = 10 * SizeArgument.parse(args, NAME, 10);
        PMDConfiguration config = new PMDConfiguration();
        Language java = LanguageRegistry.PMD.getLanguageById("java");
        config.setDefaultLanguageVersion(java.getVersion("17"));
        config.setThreads(1);
        config.setIgnoreIncrementalAnalysis(true);
        for (String ruleset : RULESETS) {
            config.addRuleSet("category/java/" + ruleset + ".xml");
        }
        Report report;
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            JavaSourceGenerator generator = new JavaSourceGenerator(1_234_567L);
            for (int i = 0; i < files; i++) {
                pmd.files().addSourceFile(FileId.fromPathLikeString("gen/p" + i % 10 + "/Generated" + i + ".java"),
                        generator.nextClass(i));
            }
            report = pmd.performAnalysisAndCollectReport();
        }
        if (!report.getProcessingErrors().isEmpty()) {
            // A file PMD could not analyse means the generator wrote bad Java: fail rather than count less.
            throw new IllegalStateException("pmd: " + report.getProcessingErrors().size()
                    + " files failed to analyse; first: " + report.getProcessingErrors().get(0).getDetail());
        }
        // Rules that need project-specific properties (e.g. LoosePackageCoupling's package list) report a
        // configuration error and skip themselves; list them so the output shows what was not run.
        new TreeMap<>(report.getConfigurationErrors().stream().collect(Collectors.toMap(
                error -> error.rule().getName(), error -> error.issue(), (a, b) -> a)))
                .forEach((rule, issue) -> System.out.println("pmd skipped " + rule + ": " + issue));
        Map<String, Integer> perRule = new TreeMap<>();
        for (RuleViolation violation : report.getViolations()) {
            perRule.merge(violation.getRule().getName(), 1, Integer::sum);
        }
        perRule.forEach((rule, count) -> System.out.println("pmd " + rule + " " + count));
        System.out.println("pmd files=" + files + " rules violated=" + perRule.size() + " violations="
                + report.getViolations().size());
    }
}
