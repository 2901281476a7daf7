package nash.examples.report;

/** The little JSON that metrics.json needs: strings and numbers, written by hand. */
final class Json {

    private Json() {}

    /** A JSON string literal. */
    static String str(String s) {
        var sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A JSON number at full precision; null for NaN and infinities, which JSON cannot hold. */
    static String num(double v) { return Double.isFinite(v) ? Double.toString(v) : "null"; }

    /** Integers as integers, other numbers by {@link #num(double)}. */
    static String num(Number n) {
        if (n == null) return "null";
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return n.toString();
        return num(n.doubleValue());
    }
}
