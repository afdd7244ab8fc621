package org.redvest.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.redvest.hub.Hub;

/** Reads a running hub the way an operator would: its REST API, and its SQLite file read-only. */
public final class HubClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Hub hub;
  private final Path database;

  HubClient(Hub hub, Path hubDataDir) {
    this.hub = hub;
    this.database = hubDataDir.resolve("hub.db");
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .header("Authorization", "Bearer " + hub.apiToken()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  long totalMinutes(String volunteerId) {
    return get("/api/volunteers/" + volunteerId + "/hours").get("totalMinutes").asLong();
  }

  /** Event ids the hub has committed for one terminal, by terminalSeq. */
  List<String> eventIds(String station, String terminal) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
        PreparedStatement st = db.prepareStatement(
            "SELECT event_id FROM events WHERE station = ? AND terminal = ? ORDER BY terminal_seq")) {
      st.setString(1, station);
      st.setString(2, terminal);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new AssertionError("cannot read " + database, e);
    }
  }

  /** Stored event payloads of one terminal, by terminalSeq. */
  List<JsonNode> events(String station, String terminal) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
        PreparedStatement st = db.prepareStatement(
            "SELECT payload FROM events WHERE station = ? AND terminal = ? ORDER BY terminal_seq")) {
      st.setString(1, station);
      st.setString(2, terminal);
      List<JsonNode> events = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          events.add(JSON.readTree(rs.getString(1)));
        }
      }
      return events;
    } catch (SQLException | IOException e) {
      throw new AssertionError("cannot read " + database, e);
    }
  }
}
