package vn.dvcwatch.alert;

/** A rendered email: subject, plain-text body and HTML body (every value in it already escaped). */
public record AlertText(String subject, String text, String html) {}
