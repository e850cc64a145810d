package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyCallStoreTest {

    static final SimulatedNumber LINE = new SimulatedNumber(1, "Line", "+1", "US", "UTC", false, true);

    private static SimulatedCall call(long id, long startedAt) {
        return SimulatedCall.builder().id(id).startedAt(startedAt).endedAt(startedAt + 90).number(LINE).build();
    }

    private static List<Long> ids(CallSource source) {
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < source.size(); i++) {
            ids.add(source.get(i).id());
        }
        return ids;
    }

    @Test
    void mergesAddedCallsIntoTheBaseOrderWithoutCopyingIt() {
        CompanyCallStore store = new CompanyCallStore(new FixedCallSource(List.of(call(1, 100), call(2, 200), call(3, 300))));

        store.add(call(10, 50));
        store.add(call(11, 200));
        store.add(call(12, 250));
        store.add(call(13, 400));

        assertThat(ids(store)).containsExactly(10L, 1L, 2L, 11L, 12L, 3L, 13L);
        assertThat(store.countStartedBefore(200)).isEqualTo(2);
        assertThat(store.countStartedBefore(201)).isEqualTo(4);
        assertThat(store.countStartedBefore(1_000)).isEqualTo(7);
    }

    @Test
    void updatesBaseCallsInPlaceButNotTheirStart() {
        CompanyCallStore store = new CompanyCallStore(new FixedCallSource(List.of(call(1, 100), call(2, 200))));

        store.update(2, c -> c.toBuilder().archived(true).build());

        assertThat(store.get(1).archived()).isTrue();
        assertThat(store.findById(2).archived()).isTrue();
        assertThatThrownBy(() -> store.update(1, c -> c.toBuilder().startedAt(999).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void movesAddedCallsWhenTheirStartChanges() {
        CompanyCallStore store = new CompanyCallStore(FixedCallSource.EMPTY);
        store.add(call(1, 100));
        store.add(call(2, 200));

        store.update(1, c -> c.toBuilder().startedAt(300).endedAt(400L).build());

        assertThat(ids(store)).containsExactly(2L, 1L);
    }

    @Test
    void removesAnAddedCallButNotADataSetCall() {
        CompanyCallStore store = new CompanyCallStore(new FixedCallSource(List.of(call(1, 100), call(2, 200))));
        store.add(call(10, 150));
        store.add(call(11, 250));

        store.remove(10);

        assertThat(ids(store)).containsExactly(1L, 2L, 11L);
        assertThat(store.findById(10)).isNull();
        assertThat(store.countStartedBefore(201)).isEqualTo(2);
        assertThatThrownBy(() -> store.remove(1)).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> store.remove(99)).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void refusesDuplicateIds() {
        CompanyCallStore store = new CompanyCallStore(new FixedCallSource(List.of(call(1, 100))));

        assertThatThrownBy(() -> store.add(call(1, 500))).hasMessageContaining("already exists");
    }
}
