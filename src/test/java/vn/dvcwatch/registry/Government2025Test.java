package vn.dvcwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code conf/portals-2025.yaml} against the 2025 structure of the state, from the legal texts themselves (the
 * project's source articles are of 2023-2024 and do not list it):
 *
 * <ul>
 *   <li>Resolution 176/2025/QH15 of 18 February 2025 on the structure of the Government of the 15th legislature
 *       (in force 1 March 2025): 14 ministries and 3 ministry-level agencies. Bộ Kế hoạch và Đầu tư merged into Bộ
 *       Tài chính; Bộ Thông tin và Truyền thông into Bộ Khoa học và Công nghệ; Bộ Giao thông vận tải into Bộ Xây
 *       dựng; Bộ Tài nguyên và Môi trường and Bộ Nông nghiệp và Phát triển nông thôn into the new Bộ Nông nghiệp và
 *       Môi trường; Bộ Lao động - Thương binh và Xã hội into Bộ Nội vụ (its social-protection, children and
 *       social-evils work to Bộ Y tế, vocational education to Bộ Giáo dục và Đào tạo); the new Bộ Dân tộc và Tôn
 *       giáo from Ủy ban Dân tộc and the religious affairs of Bộ Nội vụ.</li>
 *   <li>Resolution 202/2025/QH15 of 12 June 2025 on the reorganisation of provincial-level administrative units
 *       (in force on its adoption, 12 June 2025; the merged provinces' authorities work from 1 July 2025): 34
 *       provinces and centrally-run cities, 6 cities and 28 provinces, 11 of them unchanged and 23 formed by
 *       merging, each named after one of its constituents.</li>
 * </ul>
 *
 * The reference lists below are those resolutions' lists; the test checks every current portal, every retired
 * one, and every lineage entry (old → new) of the file against them.
 */
class Government2025Test {
  private static final LocalDate AFTER = LocalDate.of(2025, 7, 1);

  /** The 14 ministries of Resolution 176/2025/QH15. */
  static final List<String> MINISTRIES = List.of("Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp",
      "Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch",
      "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo");
  /** Its 3 ministry-level agencies. */
  static final List<String> MINISTRY_LEVEL = List.of("Văn phòng Chính phủ", "Thanh tra Chính phủ", "Ngân hàng Nhà nước Việt Nam");
  /** Agencies with a portal of their own that sit under a ministry, and which ministry (name → ministry). */
  static final Map<String, String> UNDER_A_MINISTRY = Map.of("Bảo hiểm xã hội Việt Nam", "Bộ Tài chính");

  /** The ministries merged away on 1 March 2025 (2023 registry id → the 2025 ministry that took them over). */
  static final Map<String, String> MINISTRY_MERGERS = Map.of("bo-ke-hoach-dau-tu", "Bộ Tài chính",
      "bo-thong-tin-truyen-thong", "Bộ Khoa học và Công nghệ", "bo-giao-thong-van-tai", "Bộ Xây dựng",
      "bo-tai-nguyen-moi-truong", "Bộ Nông nghiệp và Môi trường", "bo-nong-nghiep-ptnt", "Bộ Nông nghiệp và Môi trường",
      "bo-lao-dong-tbxh", "Bộ Nội vụ");

  /** The 6 centrally-run cities of Resolution 202/2025/QH15 (registry id → name). */
  static final Map<String, String> CITIES = Map.of("ha-noi", "Thành phố Hà Nội", "thua-thien-hue", "Thành phố Huế",
      "hai-phong", "Thành phố Hải Phòng", "da-nang", "Thành phố Đà Nẵng", "ho-chi-minh", "Thành phố Hồ Chí Minh",
      "can-tho", "Thành phố Cần Thơ");
  /** Its 11 units left as they were (the cities Hà Nội and Huế among them). */
  static final Set<String> UNCHANGED = Set.of("ha-noi", "thua-thien-hue", "lai-chau", "dien-bien", "son-la", "lang-son",
      "quang-ninh", "thanh-hoa", "nghe-an", "ha-tinh", "cao-bang");
  /** Its 23 merged units: each one's constituents merged into it (registry ids). */
  static final Map<String, List<String>> MERGED = Map.ofEntries(
      Map.entry("tuyen-quang", List.of("ha-giang")), Map.entry("lao-cai", List.of("yen-bai")),
      Map.entry("thai-nguyen", List.of("bac-kan")), Map.entry("phu-tho", List.of("vinh-phuc", "hoa-binh")),
      Map.entry("bac-ninh", List.of("bac-giang")), Map.entry("hung-yen", List.of("thai-binh")),
      Map.entry("hai-phong", List.of("hai-duong")), Map.entry("ninh-binh", List.of("ha-nam", "nam-dinh")),
      Map.entry("quang-tri", List.of("quang-binh")), Map.entry("da-nang", List.of("quang-nam")),
      Map.entry("quang-ngai", List.of("kon-tum")), Map.entry("gia-lai", List.of("binh-dinh")),
      Map.entry("khanh-hoa", List.of("ninh-thuan")), Map.entry("lam-dong", List.of("dak-nong", "binh-thuan")),
      Map.entry("dak-lak", List.of("phu-yen")), Map.entry("ho-chi-minh", List.of("binh-duong", "ba-ria-vung-tau")),
      Map.entry("dong-nai", List.of("binh-phuoc")), Map.entry("tay-ninh", List.of("long-an")),
      Map.entry("can-tho", List.of("soc-trang", "hau-giang")), Map.entry("vinh-long", List.of("ben-tre", "tra-vinh")),
      Map.entry("dong-thap", List.of("tien-giang")), Map.entry("ca-mau", List.of("bac-lieu")),
      Map.entry("an-giang", List.of("kien-giang")));

  private final Fleet fleet = RegistryLoader.load(Path.of("conf/portals-2025.yaml"));
  private final Fleet before = RegistryLoader.load(Path.of("conf/portals.yaml"));

  @Test
  void theReferenceListsAddUp() {
    assertThat(MINISTRIES).hasSize(14).doesNotHaveDuplicates();
    assertThat(MINISTRY_LEVEL).hasSize(3);
    assertThat(UNCHANGED).hasSize(11);
    assertThat(MERGED).hasSize(23);
    assertThat(MERGED.values().stream().mapToInt(List::size).sum()).as("units merged away").isEqualTo(29);
    assertThat(UNCHANGED.size() + MERGED.size()).as("34 provinces and cities").isEqualTo(34);
    assertThat(UNCHANGED.size() + MERGED.size() + 29).as("the 63 of 2023").isEqualTo(63);
  }

  @Test
  void everyCurrentMinistryPortalIsAMinistryOrAMinistryLevelAgencyOfTheResolution() {
    List<Portal> current = fleet.active(AFTER).stream().filter(p -> p.kind() == PortalKind.MINISTRY).toList();
    assertThat(current).allSatisfy(p -> assertThat(MINISTRIES.contains(p.name()) || MINISTRY_LEVEL.contains(p.name())
        || UNDER_A_MINISTRY.containsKey(p.name())).as(p.name() + " is in the 2025 Government").isTrue());
    Set<String> names = current.stream().map(Portal::name).collect(Collectors.toSet());
    assertThat(names).as("every one of the 14 ministries has its portal watched").containsAll(MINISTRIES);
    assertThat(names).as("the ministry-level agency that runs a public-service portal").contains("Ngân hàng Nhà nước Việt Nam");
    current.forEach(p -> assertThat(p.owner()).as(p.id() + " is owned by itself").isEqualTo(p.name()));
    UNDER_A_MINISTRY.forEach((agency, ministry) -> assertThat(names).contains(agency, ministry));
    assertThat(current).as("none of the ministries merged away is still current")
        .noneMatch(p -> MINISTRY_MERGERS.containsKey(p.id()));
  }

  @Test
  void everyMinistryMergedAwayIsRetiredOnTheFirstOfMarchWithItsSuccessor() {
    Map<String, Portal> byId = fleet.byId();
    MINISTRY_MERGERS.forEach((id, successor) -> {
      Portal old = byId.get(id);
      assertThat(old).as(id + " kept for its history").isNotNull();
      assertThat(old.retired()).as(id).isEqualTo(LocalDate.of(2025, 3, 1));
      assertThat(byId.get(old.successor()).name()).as(id + " → " + successor).isEqualTo(successor);
    });
    List<Portal> retiredMinistries = fleet.portals().stream().filter(p -> p.kind() == PortalKind.MINISTRY && p.retired() != null).toList();
    assertThat(retiredMinistries.stream().map(Portal::id)).containsExactlyInAnyOrderElementsOf(MINISTRY_MERGERS.keySet());
  }

  @Test
  void theProvincesAreTheThirtyFourOfResolution202AndEveryLineageEntryMatchesIt() {
    Map<String, Portal> byId = fleet.byId();
    List<Portal> current = fleet.active(AFTER).stream().filter(p -> p.kind() == PortalKind.PROVINCE).toList();
    Set<String> expected = new java.util.HashSet<>(UNCHANGED);
    expected.addAll(MERGED.keySet());
    assertThat(current.stream().map(Portal::id)).containsExactlyInAnyOrderElementsOf(expected);
    current.forEach(p -> assertThat(p.name()).as(p.id()).isEqualTo(CITIES.getOrDefault(p.id(),
        "Tỉnh " + before.portal(p.id()).orElseThrow().name().replaceFirst("^(Tỉnh|Thành phố) ", ""))));
    Map<String, String> lineage = new HashMap<>();
    MERGED.forEach((into, olds) -> olds.forEach(old -> lineage.put(old, into)));
    List<Portal> retired = fleet.portals().stream().filter(p -> p.kind() == PortalKind.PROVINCE && p.retired() != null).toList();
    assertThat(retired.stream().map(Portal::id)).containsExactlyInAnyOrderElementsOf(lineage.keySet());
    retired.forEach(p -> {
      assertThat(p.successor()).as(p.id() + " merged into").isEqualTo(lineage.get(p.id()));
      assertThat(p.retired()).as(p.id()).isEqualTo(AFTER);
      assertThat(byId.get(p.successor()).kind()).isEqualTo(PortalKind.PROVINCE);
      assertThat(p.name()).as(p.id() + " keeps its 2023 name").isEqualTo(before.portal(p.id()).orElseThrow().name());
    });
  }

  @Test
  void every2023PortalIsInThe2025FileCurrentOrWithItsSuccessor() {
    Map<String, Portal> byId = fleet.byId();
    before.portals().forEach(p -> assertThat(byId).as(p.id() + " of 2023").containsKey(p.id()));
    fleet.portals().stream().filter(p -> p.successor() != null).forEach(p -> {
      Portal s = byId.get(p.successor());
      assertThat(s.successor()).as(p.id() + " → " + s.id() + ": one step, to a current portal").isNull();
      assertThat(s.active(AFTER)).isTrue();
    });
  }
}
