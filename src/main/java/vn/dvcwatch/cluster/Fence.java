package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The fencing token of leader writes (Kleppmann's fencing tokens, with PostgreSQL as the storage that
 * checks them). A leader decision takes a {@link #token()} when it is made; the transaction that writes it
 * (a status change, an incident, an outbox row, a grade) starts by reading the leader epoch {@code FOR
 * SHARE} and comparing it with the token. A node that was paused, cut off or deposed between deciding and
 * writing finds a newer epoch: the transaction fails with {@link StaleLeaderException} before it writes
 * anything, and the node steps down. The row lock is held to the commit, so a newer claim cannot commit
 * in between.
 */
public final class Fence {
  private static final long SINGLE = -1;

  private final LongSupplier epoch;
  private final Consumer<StaleLeaderException> onRefused;

  /** The epoch a decision was made under; 0 when the node was not leader, and so may not write it. */
  public record Token(long epoch) {
    /** False for the token of a run without a cluster: there is nothing to check. */
    public boolean checked() {
      return epoch != SINGLE;
    }

    /** True when the decision may be written at all: made alone, or by the leader (its epoch is checked then). */
    public boolean leads() {
      return epoch != 0;
    }
  }

  /**
   * @param epoch the epoch this node holds now, 0 when it is not leader
   * @param onRefused told of every refusal by the database (the election steps down on it)
   */
  Fence(LongSupplier epoch, Consumer<StaleLeaderException> onRefused) {
    this.epoch = epoch;
    this.onRefused = onRefused;
  }

  /**
   * The fence of a run without a cluster: there is no other leader, so there is nothing to check and no
   * query is added to the store's transactions (the single-node default stays as it was).
   */
  public static Fence single() {
    return new Fence(() -> SINGLE, e -> {});
  }

  /**
   * The fence of a cluster node before it has joined the election: it leads nothing yet, so every token is 0
   * and every fenced write is refused.
   */
  public static Fence joining() {
    return new Fence(() -> 0, e -> {});
  }

  /** The token of a decision made now. */
  public Token token() {
    return new Token(epoch.getAsLong());
  }

  /** Runs {@code work} in one transaction on {@code pool}, after checking that this node leads now. */
  public <T> Future<T> inTransaction(Pool pool, Function<SqlConnection, Future<T>> work) {
    return inTransaction(pool, token(), work);
  }

  /** Runs {@code work} in one transaction, after checking that the epoch is still the token's. */
  public <T> Future<T> inTransaction(Pool pool, Token token, Function<SqlConnection, Future<T>> work) {
    if (token.epoch() == SINGLE) {
      return pool.withTransaction(work);
    }
    if (token.epoch() == 0) {
      return Future.failedFuture(new StaleLeaderException(0, -1));
    }
    return pool.withTransaction(tx -> check(tx, token).compose(x -> work.apply(tx)));
  }

  /**
   * The check alone, for a caller that already holds a transaction: call it before any write and compose
   * the writes on its success.
   */
  public Future<Void> check(SqlConnection tx, Token token) {
    if (token.epoch() == SINGLE) {
      return Future.succeededFuture();
    }
    if (token.epoch() == 0) {
      return Future.failedFuture(new StaleLeaderException(0, -1));
    }
    return LeaderTable.lockedEpoch(tx).compose(current -> {
      if (current == token.epoch()) {
        return Future.succeededFuture();
      }
      StaleLeaderException refused = new StaleLeaderException(token.epoch(), current);
      onRefused.accept(refused);
      return Future.failedFuture(refused);
    });
  }
}
