package vn.dvcwatch.probe;

/** Static checks of the fetched HTML (no browser): the accessibility and mobile criteria of SPEC §5. */
public record PagePosture(
    boolean lang,
    boolean title,
    boolean viewport,
    boolean zoomBlocked,
    int imagesWithoutAlt,
    int unlabeledFields,
    int linksWithoutName,
    boolean metaRefresh,
    boolean privacyPolicyLink) {}
