package vn.dvcwatch.browser;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Where browser runs are kept (one PostgreSQL implementation, {@link BrowserRunsPostgres}). */
public interface BrowserRuns {
  Future<Void> append(BrowserRun run);

  /** A kept run and its row id. */
  record Stored(long id, BrowserRun run) {}

  /**
   * The latest runs of a portal, newest first; a screenshot is an empty array when there is one, and each frame of
   * the filmstrip has its time and an empty JPEG (read them alone).
   */
  Future<List<Stored>> latest(String portalId, int limit);

  /** The final screenshot of a run (JPEG), or null. */
  Future<byte[]> screenshot(String portalId, long runId);

  /** Frame {@code seq} (from 0, in time order) of a run's filmstrip (JPEG), or null. */
  Future<byte[]> frame(String portalId, long runId, int seq);

  /**
   * The newest scored run ({@link BrowserScoring#SCORED}) of every portal's page measured with {@code method}:
   * scoring model v2 starts from them after a restart.
   */
  Future<List<BrowserRun>> latestScored(String method);

  /** Deletes runs that started before {@code before}; the count deleted. */
  Future<Integer> prune(Instant before);
}
