package io.airspeed.visibility.service;

import java.util.List;

public record PageOf<T>(List<T> items, int page, int size, long totalItems) {
}
