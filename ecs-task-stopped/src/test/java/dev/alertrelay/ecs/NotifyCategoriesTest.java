package dev.alertrelay.ecs;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifyCategoriesTest {

    @Test
    void unsetNotifiesEverythingButRoutineAndCompleted() {
        NotifyCategories notify = NotifyCategories.parse(null);
        for (StopCategory category : StopCategory.values()) {
            boolean expected = !EnumSet.of(StopCategory.ROUTINE, StopCategory.COMPLETED).contains(category);
            assertEquals(expected, notify.contains(category), category.name());
        }
    }

    @Test
    void blankMeansTheDefault() {
        assertEquals(NotifyCategories.defaults().toString(), NotifyCategories.parse("  ").toString());
    }

    @Test
    void allNotifiesEveryCategory() {
        NotifyCategories notify = NotifyCategories.parse("all");
        for (StopCategory category : StopCategory.values()) {
            assertTrue(notify.contains(category));
        }
    }

    @Test
    void namesAreCaseInsensitiveAcceptUnderscoresAndCommasOrSpaces() {
        NotifyCategories notify = NotifyCategories.parse("OUT_OF_MEMORY, crashed  routine");
        assertTrue(notify.contains(StopCategory.OUT_OF_MEMORY));
        assertTrue(notify.contains(StopCategory.CRASHED));
        assertTrue(notify.contains(StopCategory.ROUTINE));
        assertFalse(notify.contains(StopCategory.UNKNOWN));
    }

    @Test
    void anUnknownNameIsRejectedWithTheValidNames() {
        var error = assertThrows(IllegalArgumentException.class, () -> NotifyCategories.parse("crashed,oom"));
        assertTrue(error.getMessage().contains("[oom]"));
        assertTrue(error.getMessage().contains("out-of-memory"));
    }
}
