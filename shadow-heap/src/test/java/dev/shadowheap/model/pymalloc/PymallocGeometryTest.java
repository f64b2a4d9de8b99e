package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PymallocGeometryTest {

    /** The blocks-per-pool / waste table of cpython-memory-model.md §4.2, copied verbatim as a resource. */
    @Test
    void blocksPerPoolAndWasteMatchTheReferenceTable() throws IOException {
        PymallocGeometry large = PymallocGeometry.of(CPythonProfile.PY_3_11);
        PymallocGeometry small = PymallocGeometry.of(CPythonProfile.PY_3_8);
        String table;
        try (InputStream in = getClass().getResourceAsStream("/pymalloc/blocks-per-pool-table.md")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int rows = 0;
        for (String line : table.split("\n")) {
            String[] cells = line.replace(" ", "").split("\\|");
            if (cells.length < 7 || !cells[1].matches("\\d+")) {
                continue;
            }
            int sizeClass = Integer.parseInt(cells[1]);
            assertEquals(Integer.parseInt(cells[2]), PymallocGeometry.blockSize(sizeClass), line);
            assertEquals(Integer.parseInt(cells[3]), large.blocksPerPool(sizeClass), line);
            assertEquals(Integer.parseInt(cells[4]), large.quantizationWaste(sizeClass), line);
            assertEquals(Integer.parseInt(cells[5]), small.blocksPerPool(sizeClass), line);
            assertEquals(Integer.parseInt(cells[6]), small.quantizationWaste(sizeClass), line);
            rows++;
        }
        assertEquals(PymallocGeometry.NUM_SIZE_CLASSES, rows);
    }

    @Test
    void sizeClassesAreSixteenByteSteps() {
        assertEquals(0, PymallocGeometry.sizeClassOf(1));
        assertEquals(0, PymallocGeometry.sizeClassOf(16));
        assertEquals(1, PymallocGeometry.sizeClassOf(17));
        assertEquals(23, PymallocGeometry.sizeClassOf(383));
        assertEquals(31, PymallocGeometry.sizeClassOf(512));
        assertFalse(PymallocGeometry.isSmallRequest(0));
        assertFalse(PymallocGeometry.isSmallRequest(513));
        assertThrows(IllegalArgumentException.class, () -> PymallocGeometry.sizeClassOf(513));
        assertThrows(IllegalArgumentException.class, () -> PymallocGeometry.sizeClassOf(0));
        assertThrows(IllegalArgumentException.class, () -> PymallocGeometry.blockSize(32));
    }

    @Test
    void perVersionGeometry() {
        PymallocGeometry py38 = PymallocGeometry.of(CPythonProfile.PY_3_8);
        assertEquals(64, py38.poolsPerArena());
        assertFalse(py38.hasArenaMap());
        for (CPythonProfile profile : new CPythonProfile[] {CPythonProfile.PY_3_11, CPythonProfile.PY_3_12,
                CPythonProfile.PY_3_13, CPythonProfile.PY_3_14_5}) {
            PymallocGeometry geometry = PymallocGeometry.of(profile);
            assertEquals(64, geometry.poolsPerArena(), profile.version());
            assertTrue(geometry.hasArenaMap(), profile.version());
        }
        assertThrows(IllegalArgumentException.class, () -> PymallocGeometry.of(null));
    }
}
