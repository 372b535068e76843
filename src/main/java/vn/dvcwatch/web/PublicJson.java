package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * The second line of the no-contacts promise: whatever the read model hands over, public responses
 * are copies without contact fields. Copies, because the read model's objects may be shared.
 */
final class PublicJson {
  private static final Set<String> PRIVATE = Set.of("contacts", "contact", "email", "emails", "recipients");

  private PublicJson() {}

  static JsonObject strip(JsonObject in) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : in) {
      if (!PRIVATE.contains(e.getKey())) {
        out.put(e.getKey(), value(e.getValue()));
      }
    }
    return out;
  }

  static JsonArray strip(JsonArray in) {
    JsonArray out = new JsonArray();
    for (Object o : in) {
      out.add(value(o));
    }
    return out;
  }

  private static Object value(Object v) {
    if (v instanceof JsonObject o) {
      return strip(o);
    }
    if (v instanceof JsonArray a) {
      return strip(a);
    }
    if (v instanceof Map<?, ?> m) {
      return strip(new JsonObject(castMap(m)));
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
