package vn.dvcwatch.cluster;

import java.util.List;

/** The members this node sees now, oldest first, itself included; and a way to hear of changes. */
public interface Membership {
  List<Peer> members();

  /** {@code changed} runs (on any thread) after every join, leave, removal or split-brain merge. */
  void onChange(Runnable changed);
}
