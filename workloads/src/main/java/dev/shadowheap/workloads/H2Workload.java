package dev.shadowheap.workloads;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * An order-processing SQL workload on an in-memory H2 database: each round inserts orders and order lines in
 * batches, reprices a product category, advances order states, runs join/aggregate reports and deletes the oldest
 * orders, so the database both grows and churns. Money is kept in integer cents so every sum is exact.
 *
 * <p>Usage: {@code H2Workload [rounds]}. Prints one digest of every report row, plus the final totals.
 */
public final class H2Workload {

    static final String NAME = "h2";
    private static final int CUSTOMERS = 2_000;
    private static final int PRODUCTS = 500;
    private static final int ORDERS_PER_ROUND = 2_000;
    private static final int KEPT_ROUNDS = 4;
    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    private static final String[] STATES = {"new", "paid", "shipped", "done"};

    private H2Workload() {
    }

    public static void main(String[] args) throws SQLException {
        int rounds = SizeArgument.parse(args, NAME, 40);
        SplittableRandom random = new SplittableRandom(20240611L);
        Digest digest = new Digest();
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:workload;DB_CLOSE_DELAY=0", "sa", "")) {
            createSchema(db);
            insertCustomersAndProducts(db, random);
            long nextOrder = 1;
            for (int round = 0; round < rounds; round++) {
                nextOrder = insertOrders(db, random, round, nextOrder);
                reprice(db, round);
                advanceStates(db, round);
                report(db, digest);
                if (round >= KEPT_ROUNDS) {
                    deleteRound(db, round - KEPT_ROUNDS);
                }
            }
            System.out.println("h2 rounds=" + rounds + " orders=" + (nextOrder - 1));
            System.out.println("h2 remaining orders=" + single(db, "SELECT COUNT(*) FROM orders")
                    + " lines=" + single(db, "SELECT COUNT(*) FROM order_lines")
                    + " revenue=" + single(db, "SELECT COALESCE(SUM(l.quantity * p.price_cents), 0) "
                            + "FROM order_lines l JOIN products p ON p.id = l.product_id"));
            System.out.println("h2 reports " + digest);
        }
    }

    private static void createSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(40), region VARCHAR(10))");
            s.execute("CREATE TABLE products(id INT PRIMARY KEY, name VARCHAR(40), category INT, price_cents BIGINT)");
            s.execute("CREATE TABLE orders(id BIGINT PRIMARY KEY, customer_id INT REFERENCES customers(id), "
                    + "round INT, state VARCHAR(10))");
            s.execute("CREATE TABLE order_lines(order_id BIGINT REFERENCES orders(id) ON DELETE CASCADE, "
                    + "line INT, product_id INT REFERENCES products(id), quantity INT, PRIMARY KEY(order_id, line))");
            s.execute("CREATE INDEX orders_round ON orders(round)");
            s.execute("CREATE INDEX lines_product ON order_lines(product_id)");
        }
    }

    private static void insertCustomersAndProducts(Connection db, SplittableRandom random) throws SQLException {
        try (PreparedStatement c = db.prepareStatement("INSERT INTO customers VALUES(?, ?, ?)")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                c.setInt(1, id);
                c.setString(2, "customer-" + id);
                c.setString(3, REGIONS[random.nextInt(REGIONS.length)]);
                c.addBatch();
            }
            c.executeBatch();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO products VALUES(?, ?, ?, ?)")) {
            for (int id = 1; id <= PRODUCTS; id++) {
                p.setInt(1, id);
                p.setString(2, "product-" + id);
                p.setInt(3, random.nextInt(20));
                p.setLong(4, 100 + random.nextInt(50_000));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static long insertOrders(Connection db, SplittableRandom random, int round, long firstId)
            throws SQLException {
        long id = firstId;
        try (PreparedStatement order = db.prepareStatement("INSERT INTO orders VALUES(?, ?, ?, 'new')");
                PreparedStatement line = db.prepareStatement("INSERT INTO order_lines VALUES(?, ?, ?, ?)")) {
            for (int i = 0; i < ORDERS_PER_ROUND; i++, id++) {
                order.setLong(1, id);
                order.setInt(2, 1 + random.nextInt(CUSTOMERS));
                order.setInt(3, round);
                order.addBatch();
                int lines = 1 + random.nextInt(5);
                for (int l = 0; l < lines; l++) {
                    line.setLong(1, id);
                    line.setInt(2, l);
                    line.setInt(3, 1 + random.nextInt(PRODUCTS));
                    line.setInt(4, 1 + random.nextInt(9));
                    line.addBatch();
                }
            }
            order.executeBatch();
            line.executeBatch();
        }
        return id;
    }

    private static void reprice(Connection db, int round) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE products SET price_cents = price_cents + (price_cents * ? / 100) - 7 WHERE category = ?")) {
            s.setInt(1, round % 7 - 3);
            s.setInt(2, round % 20);
            s.executeUpdate();
        }
    }

    /** Moves every order one state on, oldest state first so an order advances at most once per round. */
    private static void advanceStates(Connection db, int round) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE orders SET state = ? WHERE state = ? AND round < ?")) {
            for (int i = STATES.length - 1; i > 0; i--) {
                s.setString(1, STATES[i]);
                s.setString(2, STATES[i - 1]);
                s.setInt(3, round + 1 - i);
                s.executeUpdate();
            }
        }
    }

    private static void report(Connection db, Digest digest) throws SQLException {
        collect(db, digest, "SELECT c.region, COUNT(DISTINCT o.id), SUM(l.quantity * p.price_cents) "
                + "FROM customers c JOIN orders o ON o.customer_id = c.id "
                + "JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id "
                + "GROUP BY c.region ORDER BY c.region");
        collect(db, digest, "SELECT o.customer_id, SUM(l.quantity * p.price_cents) AS spend "
                + "FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id "
                + "GROUP BY o.customer_id ORDER BY spend DESC, o.customer_id LIMIT 10");
        collect(db, digest, "SELECT state, COUNT(*) FROM orders GROUP BY state ORDER BY state");
        collect(db, digest, "SELECT p.category, SUM(l.quantity), MAX(p.price_cents), MIN(p.price_cents) "
                + "FROM products p LEFT JOIN order_lines l ON l.product_id = p.id "
                + "GROUP BY p.category HAVING SUM(l.quantity) > 0 ORDER BY p.category");
    }

    private static void collect(Connection db, Digest digest, String query) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            StringBuilder row = new StringBuilder();
            while (rows.next()) {
                row.setLength(0);
                for (int c = 1; c <= columns; c++) {
                    row.append(rows.getString(c)).append('|');
                }
                digest.add(row.toString());
            }
        }
    }

    private static void deleteRound(Connection db, int round) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("DELETE FROM orders WHERE round = ?")) {
            s.setInt(1, round);
            s.executeUpdate();
        }
    }

    private static long single(Connection db, String query) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
