package org.redvest.hub.domain.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redvest.hub.domain.Dashboard;
import org.redvest.hub.domain.Forbidden;
import org.redvest.hub.domain.Principal;
import org.redvest.hub.domain.catalogue.Catalogue;
import org.redvest.hub.domain.catalogue.Organisation;
import org.redvest.hub.domain.catalogue.VolunteerInfo;
import org.redvest.hub.domain.exports.HoursFilter;
import org.redvest.hub.domain.exports.HoursRow;
import org.redvest.hub.domain.exports.HoursRows;
import org.redvest.protocol.VolunteerId;

/**
 * Issues, finds and revokes service-record certificates. A certificate counts the credited
 * minutes of the sessions the issuer may see that start in the period, within the daily caps and
 * their approvals (minutes of a day still waiting for approval are not certified), and is
 * registered under the next number of its year together with the SHA-256 of the PDF handed out.
 */
public final class Certificates {
  private static final int NUMBERING_ATTEMPTS = 5;

  private final Dashboard dashboard;
  private final CertificateSettings settings;
  private final HoursRows rows;
  private final Object numbering = new Object();

  public Certificates(Dashboard dashboard, CertificateSettings settings) {
    this.dashboard = dashboard;
    this.settings = settings;
    this.rows = new HoursRows(dashboard);
  }

  /**
   * What an issuer asks for.
   *
   * @param organisationId the issuing organisation (admins only), or null for the organisation
   *     running the stations where most of the minutes were served, else the volunteer's own
   */
  public record Request(VolunteerId volunteerId, LocalDate from, LocalDate to, String organisationId) {
    public Request {
      if (volunteerId == null || from == null || to == null) {
        throw new CertificateException("volunteer, from and to are required");
      }
      if (to.isBefore(from)) {
        throw new CertificateException("the period ends (" + to + ") before it starts (" + from + ")");
      }
    }
  }

  /** A certificate just issued: its register entry and the PDF whose hash it holds. */
  public record Issued(CertificateEntry entry, byte[] pdf) {}

  /**
   * Issues a certificate for {@code request} as {@code user}.
   *
   * @param requestBase {@code http://host:port} the user reached the hub at, used for the QR code
   *     when no public URL is configured
   * @throws CertificateException when the volunteer, organisation, hours or font are missing
   * @throws Forbidden when a station manager asks for a volunteer never at their stations
   */
  public Issued issue(Request request, Principal user, String requestBase) {
    ServiceRecord record = record(request, user);
    CertificateFont font = CertificateFont.locate(settings.font());
    String base = settings.publicUrl() != null ? settings.publicUrl().toString() : requestBase;
    synchronized (numbering) {
      return numberAndRegister(record, user, font, base);
    }
  }

  /**
   * Renders with the next number and registers it if that number is still the next one. Issues in
   * this hub are serialised by the caller; the re-check inside the write transaction guards against
   * another process writing the same database.
   */
  private Issued numberAndRegister(ServiceRecord record, Principal user, CertificateFont font, String base) {
    for (int attempt = 0; attempt < NUMBERING_ATTEMPTS; attempt++) {
      Instant now = dashboard.clock().instant();
      LocalDate today = LocalDate.ofInstant(now, dashboard.zone());
      CertificateNumber number = dashboard.database().read("numbering a certificate",
          c -> CertificateRows.next(c, today.getYear()));
      byte[] pdf = render(record, number, today, base + "/verify/" + number, font);
      CertificateEntry entry = new CertificateEntry(number, record.volunteer().id(), record.volunteer().name(),
          record.from(), record.to(), record.totalMinutes(), record.issuer().name(), user.username(), now,
          sha256(pdf), null, null, null);
      boolean stored = dashboard.database().transaction("registering certificate " + number, c -> {
        if (!CertificateRows.next(c, today.getYear()).equals(number)) {
          return false;
        }
        CertificateRows.insert(c, entry);
        return true;
      });
      if (stored) {
        return new Issued(entry, pdf);
      }
    }
    throw new CertificateException("many certificates were being issued at once; please try again");
  }

  /** The facts a certificate for {@code request} would state, as {@code user} may see them. */
  ServiceRecord record(Request request, Principal user) {
    Catalogue catalogue = dashboard.catalogue();
    VolunteerInfo volunteer = catalogue.volunteer(request.volunteerId()).orElseThrow(() ->
        new CertificateException("volunteer " + request.volunteerId().value() + " is not in the catalogue;"
            + " import volunteers first (the certificate needs their name)"));
    ZoneId zone = dashboard.zone();
    List<HoursRow> sessions = rows.list(new HoursFilter(request.from().atStartOfDay(zone).toInstant(),
        request.to().plusDays(1).atStartOfDay(zone).toInstant(), request.volunteerId(), null, null,
        user::canSee));
    if (sessions.isEmpty() && !user.isAdmin()) {
      throw new Forbidden("volunteer " + request.volunteerId().value()
          + " has no sessions at your stations in this period");
    }
    // each row's counted minutes are within the daily caps and their approvals (HoursRows)
    List<HoursRow> credited = sessions.stream().filter(r -> r.countedMinutes() > 0).toList();
    if (credited.isEmpty()) {
      throw new CertificateException("volunteer " + request.volunteerId().value() + " has no credited hours"
          + " between " + request.from() + " and " + request.to());
    }
    long total = credited.stream().mapToLong(HoursRow::countedMinutes).sum();
    return new ServiceRecord(volunteer, request.from(), request.to(), total, lines(credited),
        issuer(request, user, volunteer, credited));
  }

  private static List<ServiceRecord.Line> lines(List<HoursRow> credited) {
    Map<List<String>, Long> minutes = new LinkedHashMap<>();
    for (HoursRow r : credited) {
      String content = r.activity() == null ? "志愿服务"
          : r.activity().content() != null && !r.activity().content().isBlank() ? r.activity().content()
          : r.activity().name();
      minutes.merge(List.of(content, r.stationName()), r.countedMinutes(), Long::sum);
    }
    List<ServiceRecord.Line> lines = new ArrayList<>();
    minutes.forEach((key, m) -> lines.add(new ServiceRecord.Line(key.get(0), key.get(1), m)));
    lines.sort(Comparator.comparingLong(ServiceRecord.Line::minutes).reversed());
    return lines;
  }

  private Organisation issuer(Request request, Principal user, VolunteerInfo volunteer, List<HoursRow> credited) {
    Catalogue catalogue = dashboard.catalogue();
    String id = request.organisationId();
    if (id != null && !user.isAdmin()) {
      throw new Forbidden("only hub admins choose the issuing organisation");
    }
    if (id == null) {
      Map<String, Long> byOrganisation = new LinkedHashMap<>();
      for (HoursRow r : credited) {
        catalogue.station(r.session().stationId()).map(s -> s.organisationId())
            .ifPresent(o -> byOrganisation.merge(o, r.countedMinutes(), Long::sum));
      }
      id = byOrganisation.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
          .orElse(volunteer.organisationId());
    }
    if (id == null) {
      throw new CertificateException("no issuing organisation: neither the stations nor volunteer "
          + volunteer.id().value() + " belong to an organisation in the catalogue");
    }
    String organisationId = id;
    return catalogue.organisation(organisationId).orElseThrow(() -> new CertificateException(
        "organisation " + organisationId + " is not in the catalogue; import organisations first"));
  }

  /** The register entry of {@code number}, or empty when it is malformed or was never issued. */
  public Optional<CertificateEntry> find(String number) {
    CertificateNumber parsed;
    try {
      parsed = CertificateNumber.parse(number);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return dashboard.database().read("finding certificate", c -> CertificateRows.find(c, parsed));
  }

  /** Newest first: all for an admin, a station manager's own for them. */
  public List<CertificateEntry> list(Principal user, int limit) {
    return dashboard.database().read("listing certificates",
        c -> CertificateRows.newestFirst(c, user.isAdmin() ? null : user.username(), limit));
  }

  /** Revokes a standing certificate; false when it is unknown or already revoked. */
  public boolean revoke(CertificateNumber number, Principal admin, String reason) {
    Instant now = dashboard.clock().instant();
    return dashboard.database().transaction("revoking certificate " + number,
        c -> CertificateRows.revoke(c, number, now, admin.username(), reason));
  }

  private static byte[] render(ServiceRecord record, CertificateNumber number, LocalDate issuedOn, String url,
      CertificateFont font) {
    try {
      return CertificatePdf.render(record, number, issuedOn, url, font);
    } catch (IOException e) {
      throw new UncheckedIOException("rendering certificate " + number + " with font " + font.file(), e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
