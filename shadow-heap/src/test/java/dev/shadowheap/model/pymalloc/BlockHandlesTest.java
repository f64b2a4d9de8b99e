package dev.shadowheap.model.pymalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockHandlesTest {

    @Test
    void keepsBothHandlesOfEveryIdAcrossChunksAndReadsZeroForIdsNeverSet() {
        BlockHandles handles = new BlockHandles();
        int[] ids = {1, BlockHandles.CHUNK_IDS - 1, BlockHandles.CHUNK_IDS, 3 * BlockHandles.CHUNK_IDS + 5,
                1_000 * BlockHandles.CHUNK_IDS + 7};
        for (int id : ids) {
            handles.set(id, 10L * id + 1, 10L * id + 2);
        }
        for (int id : ids) {
            assertTrue(handles.covers(id));
            assertEquals(10L * id + 1, handles.objectBlock(id), "object block of " + id);
            assertEquals(10L * id + 2, handles.itemBlock(id), "item block of " + id);
        }
        assertFalse(handles.covers(2 * BlockHandles.CHUNK_IDS), "a chunk no id reached");
        assertEquals(0, handles.objectBlock(2 * BlockHandles.CHUNK_IDS));
        assertEquals(0, handles.itemBlock(2_000 * BlockHandles.CHUNK_IDS));
        assertEquals(0, handles.objectBlock(2), "an id of a made chunk never set");

        handles.set(ids[2], 0, 0);
        assertEquals(0, handles.objectBlock(ids[2]));
        assertEquals(10L * ids[1] + 1, handles.objectBlock(ids[1]), "a neighbour across the chunk edge is kept");
    }
}
