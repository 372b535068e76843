package vn.dvcwatch.cluster;

/**
 * The {@code cluster_leader} row as one node reads it, with its age judged by the database's clock (so
 * that the nodes' clocks never have to agree).
 *
 * @param epoch the newest epoch (0: never claimed)
 * @param node the node that claimed it, null if none
 * @param pid that node's process id at the claim
 * @param fresh renewed within the lease: its holder was alive a moment ago
 * @param recent renewed within the takeover grace: a non-oldest node still leaves it alone
 */
record LeaderRow(long epoch, String node, long pid, boolean fresh, boolean recent) {}
