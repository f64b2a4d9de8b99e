package dev.shadowheap.workloads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Indexes generated text in an in-memory Lucene index (English analysis: stemming, stop words), replaces a tenth of
 * the documents, then runs term, boolean, phrase, range and sorted searches. The text comes from a seeded RNG over
 * a synthetic, Zipf-skewed vocabulary; flushing and merging are made deterministic (flush by document count, serial
 * merges of adjacent segments) so the index, the scores and the tie order are the same on every run.
 *
 * <p>Usage: {@code LuceneWorkload [thousands of documents]}. Prints per-query hit counts and top document ids.
 */
public final class LuceneWorkload {

    static final String NAME = "lucene";
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ner", "sto", "vu", "tra", "el", "qui", "zan",
        "por", "dem", "ra", "ith", "ul", "gor"};
    private static final String[] SUFFIXES = {"", "", "", "s", "ing", "ed", "ly", "ness"};
    private static final int VOCABULARY = 4_000;
    private static final int QUERIES = 400;

    private LuceneWorkload() {
    }

    public static void main(String[] args) throws IOException, ParseException {
        int documents = 1_000 * SizeArgument.parse(args, NAME, 60);
        SplittableRandom random = new SplittableRandom(77L);
        String[] vocabulary = vocabulary(random);
        Digest digest = new Digest();
        try (Directory directory = new ByteBuffersDirectory(); Analyzer analyzer = new EnglishAnalyzer()) {
            index(directory, analyzer, vocabulary, random, documents);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                System.out.println("lucene documents=" + reader.numDocs() + " deleted=" + reader.numDeletedDocs());
                search(new IndexSearcher(reader), analyzer, vocabulary, random, digest);
            }
        }
        System.out.println("lucene queries=" + QUERIES + " results " + digest);
    }

    /** Made-up words of 2–4 syllables, some with English suffixes so the stemmer has work to do. */
    private static String[] vocabulary(SplittableRandom random) {
        String[] words = new String[VOCABULARY];
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            word.setLength(0);
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words[i] = word.append(SUFFIXES[random.nextInt(SUFFIXES.length)]).toString();
        }
        return words;
    }

    /** A word whose index is roughly Zipf-distributed: low indices are far more frequent. */
    private static String word(String[] vocabulary, SplittableRandom random) {
        double u = random.nextDouble();
        return vocabulary[(int) (vocabulary.length * u * u * u)];
    }

    private static String text(String[] vocabulary, SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i % 12 == 11 ? ". " : " ").append(word(vocabulary, random));
        }
        return text.toString();
    }

    private static void index(Directory directory, Analyzer analyzer, String[] vocabulary, SplittableRandom random,
            int documents) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setMaxBufferedDocs(5_000)
                .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setMergeScheduler(new SerialMergeScheduler())
                .setMergePolicy(new LogDocMergePolicy());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int id = 0; id < documents; id++) {
                writer.addDocument(document(id, 0, vocabulary, random));
            }
            writer.commit();
            for (int i = 0; i < documents / 10; i++) {
                int id = random.nextInt(documents);
                writer.updateDocument(new Term("id", Integer.toString(id)), document(id, 1, vocabulary, random));
            }
            writer.commit();
        }
    }

    private static Document document(int id, int revision, String[] vocabulary, SplittableRandom random) {
        Document doc = new Document();
        doc.add(new StringField("id", Integer.toString(id), Field.Store.YES));
        doc.add(new StoredField("revision", revision));
        doc.add(new StringField("category", "c" + random.nextInt(12), Field.Store.NO));
        int year = 1990 + random.nextInt(35);
        doc.add(new IntPoint("year", year));
        doc.add(new NumericDocValuesField("year", year));
        doc.add(new TextField("title", text(vocabulary, random, 4 + random.nextInt(6)), Field.Store.YES));
        doc.add(new TextField("body", text(vocabulary, random, 60 + random.nextInt(240)), Field.Store.NO));
        return doc;
    }

    private static void search(IndexSearcher searcher, Analyzer analyzer, String[] vocabulary,
            SplittableRandom random, Digest digest) throws IOException, ParseException {
        QueryParser parser = new QueryParser("body", analyzer);
        Sort byYear = new Sort(new SortField("year", SortField.Type.INT, true), SortField.FIELD_SCORE);
        long totalHits = 0;
        for (int q = 0; q < QUERIES; q++) {
            Query query = switch (q % 5) {
                case 0 -> parser.parse(word(vocabulary, random));
                case 1 -> parser.parse(word(vocabulary, random) + " AND " + word(vocabulary, random)
                        + " -" + word(vocabulary, random));
                case 2 -> phrase(analyzer, word(vocabulary, random) + " " + word(vocabulary, random));
                case 3 -> new BooleanQuery.Builder()
                        .add(IntPoint.newRangeQuery("year", 1995 + q % 20, 2000 + q % 20), Occur.FILTER)
                        .add(new TermQuery(new Term("category", "c" + q % 12)), Occur.FILTER)
                        .add(parser.parse("title:" + word(vocabulary, random)), Occur.SHOULD)
                        .build();
                default -> parser.parse(word(vocabulary, random) + " OR " + word(vocabulary, random)
                        + " OR " + word(vocabulary, random));
            };
            TopDocs top = q % 5 == 3 ? searcher.search(query, 10, byYear) : searcher.search(query, 10);
            totalHits += top.totalHits.value;
            digest.add(q + " " + top.totalHits.value + top.totalHits.relation);
            for (ScoreDoc hit : top.scoreDocs) {
                digest.add(searcher.storedFields().document(hit.doc).get("id") + " " + hit.score);
            }
        }
        System.out.println("lucene total hits=" + totalHits);
    }

    /** A phrase query over the analysed terms of {@code text}, so stop words and stemming apply as at index time. */
    private static Query phrase(Analyzer analyzer, String text) throws IOException {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        for (String t : terms) {
            phrase.add(new Term("body", t));
        }
        return phrase.build();
    }
}
