package vn.dvcwatch.cluster;

/** A member as another node sees it: its name, vantage and process id (Hazelcast member attributes). */
public record Peer(String node, String vantage, long pid) {}
