package vn.dvcwatch.web;

import java.time.Duration;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code stream:} section: the SSE hub's replay ring, heartbeat and client caps. */
public record StreamSettings(int replay, Duration heartbeat, int maxClientsPerAddress, int maxClients) {
  static final Set<String> KEYS = Set.of("replay", "heartbeat", "maxClientsPerAddress", "maxClients");

  public static StreamSettings from(YamlNode st) {
    st.only(KEYS);
    return new StreamSettings(st.get("replay").integer(1000, 0, 1_000_000),
        st.get("heartbeat").positiveDuration(Duration.ofSeconds(15)), st.get("maxClientsPerAddress").integer(20, 1, 100_000),
        st.get("maxClients").integer(20_000, 1, 1_000_000));
  }
}
