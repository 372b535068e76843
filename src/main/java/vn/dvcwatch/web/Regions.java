package vn.dvcwatch.web;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups of /status: the national portal, the ministries and sectors, then the provinces by the six
 * socio-economic regions of the national master plan (Resolution 81/2023/QH15), so a citizen finds their
 * province among its neighbours. Provinces are known by their registry id; the 2025 map keeps the 2023 ids of
 * the units that absorbed the others (docs/FLEET.md), so one table serves both maps. A province id not listed
 * here goes to "other provinces" rather than disappearing.
 */
enum Regions {
  NATIONAL("Cổng quốc gia", "National portal", List.of()),
  MINISTRY("Bộ, ngành", "Ministries and sectors", List.of()),
  NORTH_MOUNTAINS("Trung du và miền núi phía Bắc", "Northern midlands and mountains", List.of("ha-giang", "cao-bang",
      "bac-kan", "tuyen-quang", "lao-cai", "dien-bien", "lai-chau", "son-la", "yen-bai", "hoa-binh", "thai-nguyen",
      "lang-son", "bac-giang", "phu-tho")),
  RED_RIVER("Đồng bằng sông Hồng", "Red River Delta", List.of("ha-noi", "quang-ninh", "vinh-phuc", "bac-ninh",
      "hai-duong", "hai-phong", "hung-yen", "thai-binh", "ha-nam", "nam-dinh", "ninh-binh")),
  CENTRAL_COAST("Bắc Trung Bộ và duyên hải miền Trung", "North Central and Central Coast", List.of("thanh-hoa",
      "nghe-an", "ha-tinh", "quang-binh", "quang-tri", "thua-thien-hue", "da-nang", "quang-nam", "quang-ngai",
      "binh-dinh", "phu-yen", "khanh-hoa", "ninh-thuan", "binh-thuan")),
  HIGHLANDS("Tây Nguyên", "Central Highlands", List.of("kon-tum", "gia-lai", "dak-lak", "dak-nong", "lam-dong")),
  SOUTHEAST("Đông Nam Bộ", "Southeast", List.of("binh-phuoc", "tay-ninh", "binh-duong", "dong-nai", "ba-ria-vung-tau",
      "ho-chi-minh")),
  MEKONG("Đồng bằng sông Cửu Long", "Mekong Delta", List.of("long-an", "tien-giang", "ben-tre", "tra-vinh",
      "vinh-long", "dong-thap", "an-giang", "kien-giang", "can-tho", "hau-giang", "soc-trang", "bac-lieu", "ca-mau")),
  OTHER("Tỉnh, thành phố khác", "Other provinces", List.of());

  private static final Map<String, Regions> BY_ID = new HashMap<>();

  static {
    for (Regions r : values()) {
      r.provinces.forEach(id -> BY_ID.put(id, r));
    }
  }

  private final String vi;
  private final String en;
  private final List<String> provinces;

  Regions(String vi, String en, List<String> provinces) {
    this.vi = vi;
    this.en = en;
    this.provinces = provinces;
  }

  static Regions of(JsonObject portal) {
    String kind = portal.getString("kind");
    if ("national".equals(kind)) {
      return NATIONAL;
    }
    if ("ministry".equals(kind)) {
      return MINISTRY;
    }
    return BY_ID.getOrDefault(portal.getString("id"), OTHER);
  }

  String title(Lang lang) {
    return lang == Lang.EN ? en : vi;
  }

  /** Every province id of the six regions (tests check them against the registry files). */
  static List<String> provinceIds() {
    return List.copyOf(BY_ID.keySet());
  }
}
