package dev.shadowheap.workloads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.SplittableRandom;
import javax.xml.transform.Templates;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.xalan.processor.TransformerFactoryImpl;

/**
 * XSLT transforms with Apache Xalan's interpretive processor (named explicitly, so the JDK's built-in XSLTC is not
 * picked instead): each round generates a company document of employees with managers, departments and skills from
 * a seeded RNG, and runs three stylesheets on it — grouping into an HTML report, reshaping into other XML, and
 * recursive manager-chain walks into text.
 *
 * <p>Usage: {@code XalanWorkload [rounds]}. Prints the output sizes and a checksum of all outputs.
 */
public final class XalanWorkload {

    static final String NAME = "xalan";
    private static final String[] STYLESHEETS = {"report.xsl", "reshape.xsl", "chain.xsl"};
    private static final String[] DEPARTMENTS = {"sales", "research", "support", "finance", "legal", "ops", "hr"};
    private static final String[] FIRST = {"Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida", "Jo"};
    private static final String[] LAST = {"Khan", "Lund", "Moss", "Nagy", "Ortiz", "Park", "Quinn", "Roth"};
    private static final String[] SKILLS = {"java", "sql", "xslt", "python", "c", "go", "rust", "excel", "law"};
    private static final int EMPLOYEES = 1_500;

    private XalanWorkload() {
    }

    public static void main(String[] args) throws TransformerException, IOException {
        int rounds = SizeArgument.parse(args, NAME, 40);
        TransformerFactory factory = new TransformerFactoryImpl();
        Templates[] templates = new Templates[STYLESHEETS.length];
        for (int i = 0; i < templates.length; i++) {
            try (InputStream xsl = XalanWorkload.class.getResourceAsStream("xslt/" + STYLESHEETS[i])) {
                templates[i] = factory.newTemplates(new StreamSource(xsl));
            }
        }
        SplittableRandom random = new SplittableRandom(4242L);
        Digest digest = new Digest();
        long outputBytes = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int round = 0; round < rounds; round++) {
            String document = company(random, round);
            for (Templates stylesheet : templates) {
                out.reset();
                stylesheet.newTransformer().transform(new StreamSource(new StringReader(document)),
                        new StreamResult(out));
                outputBytes += out.size();
                digest.add(out.toByteArray());
            }
        }
        System.out.println("xalan rounds=" + rounds + " stylesheets=" + templates.length + " output bytes="
                + outputBytes);
        System.out.println("xalan outputs " + digest);
    }

    /** Employees whose managers always have smaller ids, so the manager chains end at the company's roots. */
    private static String company(SplittableRandom random, int round) {
        StringBuilder xml = new StringBuilder(EMPLOYEES * 200);
        xml.append("<?xml version=\"1.0\"?>\n<company name=\"round-").append(round).append("\">\n");
        for (int id = 1; id <= EMPLOYEES; id++) {
            xml.append("<employee id=\"e").append(id).append("\" dept=\"")
                    .append(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]).append('"');
            if (id > 5) {
                xml.append(" manager=\"e").append(id / 2 + random.nextInt(id / 2)).append('"');
            }
            xml.append("><name>").append(FIRST[random.nextInt(FIRST.length)]).append(' ')
                    .append(LAST[random.nextInt(LAST.length)]).append(id).append("</name><salary>")
                    .append(20_000 + random.nextInt(100_000)).append("</salary>");
            for (int s = random.nextInt(5); s > 0; s--) {
                xml.append("<skill>").append(SKILLS[random.nextInt(SKILLS.length)]).append("</skill>");
            }
            xml.append("</employee>\n");
        }
        return xml.append("</company>\n").toString();
    }
}
