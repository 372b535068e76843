package vn.dvcwatch.result;


/** Static checks of the fetched HTML (no browser): the accessibility and mobile criteria of docs/PROBING.md. */
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
