package org.redvest.hub.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.redvest.protocol.ProtocolException;

/** Reads and validates request parameters, throwing {@link BadRequest} naming the parameter. */
final class Params {
  private Params() {}

  static <T> T path(Context ctx, String name, Function<String, T> parse) {
    return parse(name, ctx.pathParam(name), parse);
  }

  /** The query parameter parsed, or null when absent or empty. */
  static <T> T query(Context ctx, String name, Function<String, T> parse) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : parse(name, value, parse);
  }

  static LocalDate date(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name, "must be a date like 2026-11-23, was \"" + value + "\"");
    }
    // Far dates parse but overflow instants and epoch millis further on (a 500, found by the
    // API fuzzer); the hub stores no event outside these years either.
    if (date.getYear() < 2000 || date.getYear() > 9999) {
      throw new BadRequest(name, "must be in the years 2000 to 9999, was \"" + value + "\"");
    }
    return date;
  }

  static int limit(Context ctx, int fallback, int max) {
    String value = ctx.queryParam("limit");
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest("limit", "must be an integer from 1 to " + max + ", was \"" + value + "\"");
  }

  static void checkRange(LocalDate from, LocalDate to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new BadRequest("to", "must not be before from (" + from + "), was " + to);
    }
  }

  private static <T> T parse(String name, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (ProtocolException e) {
      throw new BadRequest(name, e.getMessage().substring(e.getMessage().indexOf(':') + 2));
    }
  }
}
