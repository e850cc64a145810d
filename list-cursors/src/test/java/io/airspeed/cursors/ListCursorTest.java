package io.airspeed.cursors;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListCursorTest {

    private static final UUID ID = UUID.fromString("7f2b7f5e-7c1c-4a8e-9a55-0d1f3c2b4a11");

    record Position(long micros, UUID id) {

        static Position read(ByteBuffer b) {
            return new Position(b.getLong(), new UUID(b.getLong(), b.getLong()));
        }
    }

    private static String issue(String scope, Position p) {
        return ListCursor.encode(scope, 24, b -> b.putLong(p.micros()).putLong(p.id().getMostSignificantBits())
                .putLong(p.id().getLeastSignificantBits()));
    }

    @Test
    void aCursorReadsBackItsPositionInItsOwnScope() {
        String cursor = issue("org-1|user-1|", new Position(1_700_000_000_123_456L, ID));

        assertThat(ListCursor.decode("org-1|user-1|", cursor, Position::read))
                .isEqualTo(new Position(1_700_000_000_123_456L, ID));
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorOfAnotherScopeIsRefused() {
        String cursor = issue("org-1|user-1|", new Position(42, ID));

        assertThatThrownBy(() -> ListCursor.decode("org-2|user-1|", cursor, Position::read))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> ListCursor.decode("org-1|user-1|from=2026", cursor, Position::read))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void everyAlteredByteIsRefused() {
        String cursor = issue("s", new Position(42, ID));
        byte[] token = Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < token.length; i++) {
            byte[] altered = token.clone();
            altered[i] ^= 0x01;
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> ListCursor.decode("s", text, Position::read))
                    .as("byte %d altered", i).isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void everyAlteredCharacterIsRefusedEvenWhereBase64HasSpareBits() {
        String cursor = issue("s", new Position(42, ID));
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : new char[]{'A', 'B', 'g', '_'}) {
                if (cursor.charAt(i) != c) {
                    String altered = cursor.substring(0, i) + c + cursor.substring(i + 1);
                    assertThatThrownBy(() -> ListCursor.decode("s", altered, Position::read))
                            .as("character %d as %s", i, c).isInstanceOf(InvalidCursorException.class);
                }
            }
        }
    }

    @Test
    void textThatIsNoCursorIsRefused() {
        for (String text : new String[]{"", "not base64!", "AA", "x".repeat(ListCursor.MAX_LENGTH + 1)}) {
            assertThatThrownBy(() -> ListCursor.decode("s", text, Position::read))
                    .as(text).isInstanceOf(InvalidCursorException.class);
        }
        assertThatThrownBy(() -> ListCursor.decode("s", null, Position::read)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aPositionOfAnotherLayoutIsRefused() {
        String shorter = ListCursor.encode("s", 8, b -> b.putLong(42));
        String longer = ListCursor.encode("s", 32, b -> b.putLong(1).putLong(2).putLong(3).putLong(4));

        assertThatThrownBy(() -> ListCursor.decode("s", shorter, Position::read)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> ListCursor.decode("s", longer, Position::read)).isInstanceOf(InvalidCursorException.class);
    }
}
