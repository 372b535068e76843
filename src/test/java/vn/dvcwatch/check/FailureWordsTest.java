package vn.dvcwatch.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A failure's technical detail reads as Vietnamese in the human report; no library English passes as Vietnamese. */
class FailureWordsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Connection refused: /127.0.0.1:4431|máy chủ từ chối kết nối (không có dịch vụ nào nghe ở cổng này)",
      "connection timed out after 5000 ms: /10.0.0.1:443|hết thời gian chờ kết nối TCP",
      "Connection reset by peer|máy chủ cắt ngang kết nối (reset)",
      "deadline reached during tls|hết thời hạn khi đang bắt tay TLS",
      "deadline reached during waiting for the first byte|hết thời hạn khi đang chờ byte đầu tiên của trả lời",
      "handshake failed: Received fatal alert: protocol_version|bắt tay TLS thất bại: máy chủ không dùng TLS 1.2 hoặc 1.3",
      "handshake failed: Received fatal alert: handshake_failure|bắt tay TLS thất bại: máy chủ từ chối mọi bộ mã hóa được đề nghị",
      "connection closed before the response|máy chủ đóng kết nối mà không trả lời",
      "body larger than 5242880 bytes|nội dung lớn hơn 5242880 byte",
      "more than 5 redirects|chuyển hướng quá 5 lần",
      "dichvucong.example.vn: no address|tên miền dichvucong.example.vn không có địa chỉ",
      "chứng chỉ đã hết hạn; chứng chỉ tự ký|chứng chỉ đã hết hạn; chứng chỉ tự ký",
      "Something odd happened|lỗi chưa được phân loại, nguyên văn của thư viện: \"Something odd happened\""})
  void knownWordingsBecomeVietnameseAndOthersAreMarkedAsTheLibrarys(String detail, String vietnamese) {
    assertThat(FailureWords.vi(detail)).isEqualTo(vietnamese);
  }
}
