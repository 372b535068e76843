package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

class ChannelSettingsTest {
  private static ChannelSettings parse(String yaml) {
    return ChannelSettings.from(YamlNode.parse("dvc-watch.yaml", yaml, Map.of()).get("alerts"));
  }

  @Test
  void readsEveryChannelTypeThroughTheApplicationConfig() {
    AppConfig cfg = AppConfig.from(YamlNode.parse("dvc-watch.yaml", """
        alerts:
          escalateAfter: 45m
          channels:
            - {name: soc, type: webhook, url: "https://soc.example.vn/hooks/dvc", secret: "0123456789abcdef0123", for: [all]}
            - {name: ops, type: slack, url: "https://hooks.slack.com/services/T/B/x", for: [national], kinds: [down, escalation]}
            - {name: so, type: teams, url: "https://example.webhook.office.com/webhookb2/x", for: ["UBND Thành phố Hà Nội"]}
            - {name: tg, type: telegram, botToken: "123456:ABC-def_1", chatId: "-1001", for: [national]}
            - {name: truc, type: email, to: [TrucBan@Example.vn], for: [national]}
        """, Map.of()), java.nio.file.Path.of("."));
    ChannelSettings s = cfg.alertChannels();
    assertThat(s.escalateAfter()).isEqualTo(Duration.ofMinutes(45));
    assertThat(s.channels()).extracting(ChannelSettings.Channel::recipient)
        .containsExactly("webhook:soc", "slack:ops", "teams:so", "telegram:tg", "email:truc");
    assertThat(s.channels().get(3).url().toString()).isEqualTo("https://api.telegram.org");
    assertThat(s.channels().get(4).to()).containsExactly("trucban@example.vn");
    // Routing: owner channels get their owner's portals; national ones fleet-wide alerts and escalations.
    assertThat(s.channelsFor(AlertKind.DOWN, "UBND Thành phố Hà Nội", false)).extracting(ChannelSettings.Channel::name)
        .containsExactly("soc", "so");
    assertThat(s.channelsFor(AlertKind.ESCALATION, "UBND Thành phố Hà Nội", true)).extracting(ChannelSettings.Channel::name)
        .containsExactly("soc", "ops", "tg");
    assertThat(s.channelsFor(AlertKind.WATCHDOG_NETWORK, null, false)).extracting(ChannelSettings.Channel::name)
        .containsExactly("soc", "tg");
    assertThat(s.emailsFor(AlertKind.ESCALATION, "x", true)).containsExactly("trucban@example.vn");
    assertThat(s.toString()).doesNotContain("hooks.slack.com").doesNotContain("ABC-def_1").doesNotContain("0123456789abcdef");
  }

  @Test
  void defaultsToNoChannelsAndThirtyMinutes() {
    ChannelSettings s = parse("alerts: {}");
    assertThat(s.channels()).isEmpty();
    assertThat(s.escalateAfter()).isEqualTo(Duration.ofMinutes(30));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "escalateAfter: 10s | alerts.escalateAfter: must be at least 1m",
      "channels: [{name: a, type: pager, for: [all]}] | unknown value \"pager\"",
      "channels: [{name: A B, type: slack, url: 'https://h/x', for: [all]}] | use lower-case letters",
      "channels: [{name: a, type: slack, url: 'https://h/x'}] | alerts.channels[0].for: required",
      "channels: [{name: a, type: slack, for: [all]}] | alerts.channels[0].url: required",
      "channels: [{name: a, type: slack, url: 'ftp://h/tok3n', for: [all]}] | value not shown",
      "channels: [{name: a, type: webhook, url: 'https://h/x', secret: short, for: [all]}] | too short",
      "channels: [{name: a, type: telegram, botToken: nope, chatId: 1, for: [all]}] | not a bot token",
      "channels: [{name: a, type: telegram, botToken: '1:A', for: [all]}] | alerts.channels[0].chatId: is required",
      "channels: [{name: a, type: email, for: [all]}] | at least one address",
      "channels: [{name: a, type: slack, url: 'https://h/x', for: [all], hook: 1}] | unknown field",
      "channels: [{name: a, type: slack, url: 'https://h/x', for: [all]}, {name: a, type: teams, url: 'https://h/y', for: [all]}] | already called",
  })
  void refusesWithTheFieldNamed(String yaml, String message) {
    assertThatThrownBy(() -> parse("alerts:\n  " + yaml)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(message).hasMessageNotContaining("tok3n");
  }

  @Test
  void theWebhookSignatureIsHmacSha256OverTimestampDotBody() {
    // Reference value from: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'key-key-key-key-key'
    assertThat(ChannelMessage.sign("key-key-key-key-key", "1700000000", "{\"a\":1}"))
        .isEqualTo("697da7e30412f7753fffe391414f555b31433c7439c961bc5471a7e03e96ab20");
    ChannelSettings.Channel tg = parse("""
        alerts:
          channels: [{name: tg, type: telegram, url: "http://127.0.0.1:9/", botToken: "1:A", chatId: "-5", for: [all]}]
        """).channels().get(0);
    Outbox.Claimed row = new Outbox.Claimed(1, "down:x", "down", "ha-noi", "r", "Tiêu đề", "x".repeat(5000), "", "<m>",
        1, Instant.EPOCH, null);
    ChannelMessage m = ChannelMessage.of(tg, row, Instant.EPOCH);
    assertThat(m.url()).isEqualTo("http://127.0.0.1:9/bot1:A/sendMessage");
    assertThat(new io.vertx.core.json.JsonObject(m.body()).getString("text")).hasSize(ChannelMessage.TELEGRAM_MAX);
    assertThat(m.toString()).doesNotContain("1:A");
  }

  @Test
  void aRowWrittenBeforeChatTextsExistedIsSentWithoutTheMailFooter() {
    Outbox.Claimed old = new Outbox.Claimed(1, "down:x", "down", "ha-noi", "slack:ops", "[dvc-watch] Tiêu đề",
        "Tiêu đề.\n\nNguyên nhân: lỗi\n\n-- \ndvc-watch — giám sát Cổng Dịch vụ công. Email gửi tự động, vui lòng không trả lời.\n",
        "", "<m>", 1, Instant.EPOCH, null);
    assertThat(ChannelMessage.chat(old)).isEqualTo("[dvc-watch] Tiêu đề\n\nTiêu đề.\n\nNguyên nhân: lỗi");
    Outbox.Claimed now = new Outbox.Claimed(2, "down:y", "down", "ha-noi", "slack:ops", "[dvc-watch] Tiêu đề", "mail",
        "", "<m>", 1, Instant.EPOCH, "[dvc-watch] Tiêu đề\nNguyên nhân: lỗi");
    assertThat(ChannelMessage.chat(now)).isEqualTo("[dvc-watch] Tiêu đề\nNguyên nhân: lỗi");
  }
}
