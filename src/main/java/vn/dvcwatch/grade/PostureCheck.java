package vn.dvcwatch.grade;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One check of a page's posture (a header, a page element), worth {@code weight} relative to the other
 * checks of its group.
 *
 * @param share 0..1: how much of the check the page passes (1 = fully)
 * @param describe what was measured, in words, for the scorecard
 * @param measured whether the check could be made on this page at all (e.g. the http:// redirect of a
 *     portal on a non-standard port has no known http:// address); a page it could not be made on is
 *     left out of the check, and a check made on no page earns nothing and is shown as not measured
 */
record PostureCheck<P>(String id, int weight, ToDoubleFunction<P> share, Function<P, String> describe, Hint hint,
    Predicate<P> measured) {

  PostureCheck(String id, int weight, ToDoubleFunction<P> share, Function<P, String> describe, Hint hint) {
    this(id, weight, share, describe, hint, p -> true);
  }
}
