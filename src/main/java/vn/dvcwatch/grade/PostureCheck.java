package vn.dvcwatch.grade;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One check of a page's posture (a header, a page element), worth {@code weight} relative to the other
 * checks of its group.
 *
 * @param share 0..1: how much of the check the page passes (1 = fully)
 * @param describe what was measured, in words, for the scorecard
 */
record PostureCheck<P>(String id, int weight, ToDoubleFunction<P> share, Function<P, String> describe, Hint hint) {}
