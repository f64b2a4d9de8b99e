package programs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collections, arrays, lambdas and clones, but no cycle: nothing leaks. (It avoids HashMap.values():
 * the view object and its map point at each other, a real cycle that reference counting leaks.)
 */
public final class CleanProgram {

    static final class Point implements Cloneable {
        final int x;
        Object tag;

        Point(int x) {
            this.x = x;
        }

        @Override
        public Point clone() {
            try {
                return (Point) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public static void main(String[] args) {
        Map<String, List<Point>> byName = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            byName.computeIfAbsent("k" + (i % 7), k -> new ArrayList<>()).add(new Point(i));
        }
        Point[][] grid = new Point[3][4];
        grid[1][2] = new Point(12).clone();
        Object[] copy = grid.clone();
        Runnable task = () -> System.out.println("grid=" + ((Point[]) copy[1])[2].x);
        task.run();
        int total = 0;
        for (int k = 0; k < 7; k++) {
            total += byName.get("k" + k).size();
        }
        System.out.println("total=" + total);
    }
}
