package vn.dvcwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two shipped fleet files load and contain what the README and docs/FLEET.md promise. */
class FleetFilesTest {
  static final LocalDate AFTER_MERGER = LocalDate.of(2025, 7, 1);

  @Test
  void the2023FleetIs20MinistriesAnd63Provinces() {
    Fleet f = RegistryLoader.load(Path.of("conf/portals.yaml"));
    assertThat(f.portals()).hasSize(83);
    assertThat(f.count(PortalKind.MINISTRY)).isEqualTo(20);
    assertThat(f.count(PortalKind.PROVINCE)).isEqualTo(63);
    assertThat(f.count(PortalKind.NATIONAL)).as("the national portal is not one of the 83").isZero();
    assertThat(f.portal("ha-noi").orElseThrow().name()).isEqualTo("Thành phố Hà Nội");
    assertThat(f.portal("bo-tu-phap").orElseThrow().name()).isEqualTo("Bộ Tư pháp");
    assertThat(f.portals()).allSatisfy(p -> {
      assertThat(p.homepage().getScheme()).isEqualTo("https");
      assertThat(p.contacts()).isNotEmpty().allSatisfy(c -> assertThat(c).endsWith("@example.invalid"));
      assertThat(p.retired()).isNull();
    });
  }

  @Test
  void the2025FleetHas34ProvincesAndEveryMergedProvinceHasAnActiveSuccessor() {
    Fleet f = RegistryLoader.load(Path.of("conf/portals-2025.yaml"));
    Map<String, Portal> byId = f.byId();
    List<Portal> active = f.active(AFTER_MERGER);
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.PROVINCE)).hasSize(34);
    List<Portal> retiredProvinces = f.portals().stream()
        .filter(p -> p.kind() == PortalKind.PROVINCE && !p.active(AFTER_MERGER)).toList();
    assertThat(retiredProvinces).as("63 provinces before, 34 after").hasSize(63 - 34);
    assertThat(f.portals()).filteredOn(p -> p.retired() != null).allSatisfy(p -> {
      assertThat(p.successor()).as(p.id() + " successor").isNotNull();
      Portal s = byId.get(p.successor());
      assertThat(s).as(p.id() + " -> " + p.successor()).isNotNull();
      assertThat(s.active(AFTER_MERGER)).as(p.successor() + " is active").isTrue();
    });
    assertThat(byId.get("ha-giang").successor()).isEqualTo("tuyen-quang");
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.MINISTRY)).isNotEmpty();
  }

  /**
   * Pins the current ministries to Resolution 176/2025/QH15 (Government structure from 1 March 2025): the 14
   * ministries, plus Ngân hàng Nhà nước (one of the three ministry-level agencies; Văn phòng Chính phủ and Thanh
   * tra Chính phủ run no portal of their own here) and Bảo hiểm xã hội Việt Nam (under Bộ Tài chính, own portal);
   * and the 34 provinces of Resolution 202/2025/QH15.
   */
  @Test
  void the2025MinistriesAndProvincesAreTheCurrentOnes() {
    Fleet f = RegistryLoader.load(Path.of("conf/portals-2025.yaml"));
    List<Portal> active = f.active(AFTER_MERGER);
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.MINISTRY).map(Portal::name)).containsExactlyInAnyOrder(
        "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
        "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
        "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo",
        "Ngân hàng Nhà nước Việt Nam", "Bảo hiểm xã hội Việt Nam");
    Map<String, Portal> byId = f.byId();
    assertThat(byId.get("bo-ke-hoach-dau-tu").successor()).isEqualTo("bo-tai-chinh");
    assertThat(byId.get("bo-giao-thong-van-tai").successor()).isEqualTo("bo-xay-dung");
    assertThat(byId.get("bo-thong-tin-truyen-thong").successor()).isEqualTo("bo-khoa-hoc-cong-nghe");
    assertThat(byId.get("bo-lao-dong-tbxh").successor()).isEqualTo("bo-noi-vu");
    assertThat(byId.get("bo-nong-nghiep-ptnt").successor()).isEqualTo("bo-nong-nghiep-moi-truong");
    assertThat(byId.get("bo-tai-nguyen-moi-truong").successor()).isEqualTo("bo-nong-nghiep-moi-truong");
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.PROVINCE).map(Portal::id)).containsExactlyInAnyOrder(
        "ha-noi", "cao-bang", "tuyen-quang", "lao-cai", "dien-bien", "lai-chau", "son-la", "thai-nguyen", "lang-son",
        "quang-ninh", "phu-tho", "bac-ninh", "hai-phong", "hung-yen", "ninh-binh", "thanh-hoa", "nghe-an", "ha-tinh",
        "quang-tri", "thua-thien-hue", "da-nang", "quang-ngai", "khanh-hoa", "gia-lai", "dak-lak", "lam-dong",
        "tay-ninh", "dong-nai", "ho-chi-minh", "vinh-long", "dong-thap", "an-giang", "can-tho", "ca-mau");
    assertThat(f.name()).isEqualTo("2025");
  }
}
